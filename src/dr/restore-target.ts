import { referenceNames } from '../topology/reference-topology.js';
import type { ReferenceStack } from '../topology/reference-stack.js';
import type { ServiceSpec } from '../topology/topology-spec.js';

/** A fresh, empty PostgreSQL with the same database and owner, to restore a dump into. */
export function restoreTargetSpec(stack: ReferenceStack): ServiceSpec {
  return {
    name: 'postgres-restore',
    image: { kind: 'image', name: 'unused' },
    imageVariable: 'FAULTLINE_POSTGRES_IMAGE',
    environment: { POSTGRES_USER: referenceNames.databaseUser, POSTGRES_PASSWORD: stack.secrets.databasePassword, POSTGRES_DB: referenceNames.databaseName },
    hostPorts: [],
    readiness: { kind: 'log', pattern: /database system is ready to accept connections/, times: 2 },
    secretKeys: ['POSTGRES_PASSWORD'],
  };
}
