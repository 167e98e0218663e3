import type { Stack } from '../stack/stack.js';
import { drNames as referenceNames } from './standby-config.js';
import type { ServiceSpec } from '../topology/topology-spec.js';

/** A fresh, empty PostgreSQL with the same database and owner, to restore a dump into. */
export function restoreTargetSpec(stack: Stack): ServiceSpec {
  return {
    name: 'postgres-restore',
    image: { kind: 'image', name: 'unused' },
    imageVariable: 'FAULTLINE_POSTGRES_IMAGE',
    environment: { POSTGRES_USER: referenceNames.databaseUser, POSTGRES_PASSWORD: stack.secret('db-password'), POSTGRES_DB: referenceNames.databaseName },
    hostPorts: [],
    readiness: { kind: 'log', pattern: /database system is ready to accept connections/, times: 2 },
    secretKeys: ['POSTGRES_PASSWORD'],
  };
}

export const rejoinedStandbyName = 'rejoined1';

/**
 * The old primary coming back as a standby of the promoted one: a fresh pg_basebackup through the
 * "db-standby" link (which now leads to the primary) under the old primary's network name, so that
 * the service's "db-primary" link reaches it again after the switchover.
 */
export function rejoinSpec(stack: Stack): ServiceSpec {
  const standby = stack.topology.service(referenceNames.standby).spec;
  return {
    ...standby,
    name: referenceNames.primary,
    environment: { ...standby.environment, PRIMARY_PORT: String(stack.topology.link('db-standby').listenPort), STANDBY_NAME: rejoinedStandbyName },
  };
}
