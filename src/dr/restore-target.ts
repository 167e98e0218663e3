import type { Stack } from '../stack/stack.js';
import type { ServiceSpec } from '../topology/topology-spec.js';

/** A fresh, empty PostgreSQL with the order service's database and owner, to restore a dump into. */
export function restoreTargetSpec(stack: Stack): ServiceSpec {
  return {
    name: 'postgres-restore',
    image: { kind: 'image', name: 'unused' },
    imageVariable: 'FAULTLINE_POSTGRES_IMAGE',
    environment: { POSTGRES_USER: 'orders', POSTGRES_PASSWORD: stack.secret('db-password'), POSTGRES_DB: 'orders' },
    hostPorts: [],
    readiness: { kind: 'log', pattern: /database system is ready to accept connections/, times: 2 },
    secretKeys: ['POSTGRES_PASSWORD'],
  };
}
