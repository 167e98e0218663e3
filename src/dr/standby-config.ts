// Disaster recovery drills need more than the stack under test: a hot standby that streams from the
// primary through its own "replication" link and that the service reaches through "db-standby".
// This adds both to a configuration that has the reference stack's PostgreSQL primary.
import type { DependencyConfig, FaultlineConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { join } from 'node:path';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';

export const drNames = {
  primary: 'postgres-primary',
  standby: 'postgres-standby',
  /** application_name of the standby in pg_stat_replication. */
  standbyName: 'standby1',
  databaseUser: 'orders',
  databaseName: 'orders',
  /** The service's variable listing its database addresses in failover order. */
  databaseHostsVariable: 'DB_HOSTS',
} as const;

export function withStandby(loaded: LoadedConfig): LoadedConfig {
  const { config } = loaded;
  const primary = config.dependencies?.find((dependency) => dependency.name === drNames.primary);
  const hosts = config.service.environment?.[drNames.databaseHostsVariable];
  if (!primary || hosts === undefined) {
    throw new FaultlineError(
      'FL_MISSING_CAPABILITY',
      `disaster recovery scenarios (@dr) drive a PostgreSQL primary named "${drNames.primary}" and a service that reads ${drNames.databaseHostsVariable}; ${loaded.path} has ${primary ? `no service.environment.${drNames.databaseHostsVariable}` : `no dependency "${drNames.primary}"`} (run them with the reference configuration)`,
    );
  }
  const standby: DependencyConfig = {
    name: drNames.standby,
    image: primary.image ?? '',
    ...(primary.imageVariable === undefined ? {} : { imageVariable: primary.imageVariable }),
    environment: {
      PRIMARY_HOST: '{{link-host:replication}}',
      PRIMARY_PORT: '{{link-port:replication}}',
      REPLICATION_PASSWORD: primary.environment?.REPLICATION_PASSWORD ?? '',
      STANDBY_NAME: drNames.standbyName,
    },
    command: ['bash', '/usr/local/bin/standby-entrypoint.sh'],
    files: [{ source: join(projectRoot, 'fixtures', 'postgres', 'standby-entrypoint.sh'), target: '/usr/local/bin/standby-entrypoint.sh', mode: 0o755 }],
    ports: [5432],
    readiness: { log: 'started streaming WAL from primary' },
    secretEnvironment: ['REPLICATION_PASSWORD'],
  };
  const extended: FaultlineConfig = {
    ...config,
    dependencies: [...(config.dependencies ?? []), standby],
    links: [...config.links, { name: 'replication', to: `${drNames.primary}:5432` }, { name: 'db-standby', to: `${drNames.standby}:5432` }],
    service: {
      ...config.service,
      environment: { ...config.service.environment, [drNames.databaseHostsVariable]: `${hosts},{{link:db-standby}}` },
    },
  };
  return { ...loaded, config: extended };
}
