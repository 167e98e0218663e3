// Disaster recovery against a real HA manager (features tagged @patroni): the reference stack's
// single PostgreSQL replaced by three members managed by Patroni, with etcd as the DCS. Every kind of
// traffic of every member passes through a link of its own, so that each can be cut alone:
//   client-pg-N       the order service → member N's PostgreSQL
//   replication-pg-N  the other members → member N's PostgreSQL (its advertised connect_address)
//   rest-pg-N         the other members → member N's Patroni REST API
//   dcs-pg-N          member N's Patroni → etcd
// The service finds the primary with a multi-host connection string over the client links
// (target_session_attrs=primary), not through HAProxy: the routing then adds no health-check
// interval of its own to the failover time, and the fencing measured is Patroni's own demotion, not a
// balancer's view of the leader lock hiding a primary that failed to demote.
import { join } from 'node:path';
import { etcd, images, type DependencyConfig, type FaultlineConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';

export const patroniNames = {
  etcd: 'etcd',
  /** The shared stack's single PostgreSQL and its link, which the cluster replaces. */
  database: 'postgres-primary',
  databaseLink: 'db-primary',
  member: (index: number) => `pg-${index}`,
  link: (kind: 'client' | 'replication' | 'rest' | 'dcs', member: string) => `${kind}-${member}`,
  databaseHostsVariable: 'DB_HOSTS',
} as const;

export const patroniPorts = { postgres: 5432, rest: 8008, etcd: 2379 } as const;
export const memberCount = 3;

export function memberNames(count = memberCount): string[] {
  return Array.from({ length: count }, (_, index) => patroniNames.member(index + 1));
}

const fixture = (file: string) => join(projectRoot, 'fixtures', 'patroni', file);

function member(name: string): DependencyConfig {
  return {
    name,
    image: images.patroni,
    imageVariable: 'FAULTLINE_PATRONI_IMAGE',
    environment: {
      PATRONI_NAME: name,
      PATRONI_RESTAPI_CONNECT_ADDRESS: `{{link:${patroniNames.link('rest', name)}}}`,
      PATRONI_POSTGRESQL_CONNECT_ADDRESS: `{{link:${patroniNames.link('replication', name)}}}`,
      PATRONI_ETCD3_HOSTS: `'{{link:${patroniNames.link('dcs', name)}}}'`,
      PATRONI_SUPERUSER_PASSWORD: '{{secret:patroni-superuser-password}}',
      PATRONI_REPLICATION_PASSWORD: '{{secret:patroni-replication-password}}',
      PATRONI_REWIND_PASSWORD: '{{secret:patroni-rewind-password}}',
      // The order service's password: the role is created by post-bootstrap.sh on the first member.
      ORDERS_PASSWORD: '{{secret:db-password}}',
    },
    ports: [patroniPorts.postgres, patroniPorts.rest],
    // PostgreSQL runs, in any role: the first member initialises the cluster and takes the leader
    // lock, the others clone it; a member started again after a fault is ready before it rejoins.
    readiness: { http: '/health', port: patroniPorts.rest },
    startupTimeout: '60s',
    files: [
      { source: fixture('patroni.yml'), target: '/etc/patroni/patroni.yml' },
      { source: fixture('post-bootstrap.sh'), target: '/etc/patroni/post-bootstrap.sh', mode: 0o755 },
    ],
    secretEnvironment: ['PATRONI_SUPERUSER_PASSWORD', 'PATRONI_REPLICATION_PASSWORD', 'PATRONI_REWIND_PASSWORD', 'ORDERS_PASSWORD'],
  };
}

/** The configuration with the single PostgreSQL replaced by a Patroni cluster of `count` members and etcd. */
export function withPatroni(loaded: LoadedConfig, count = memberCount): LoadedConfig {
  const { config } = loaded;
  const hosts = config.service.environment?.[patroniNames.databaseHostsVariable];
  if (!config.dependencies?.some((dependency) => dependency.name === patroniNames.database) || hosts !== `{{link:${patroniNames.databaseLink}}}`) {
    throw new FaultlineError(
      'FL_MISSING_CAPABILITY',
      `Patroni scenarios (@patroni) replace the PostgreSQL "${patroniNames.database}" that the service reaches through ${patroniNames.databaseHostsVariable}={{link:${patroniNames.databaseLink}}}; ${loaded.path} has no such database (run them with the reference configuration)`,
    );
  }
  const members = memberNames(count);
  const links = members.flatMap((name) => [
    { name: patroniNames.link('client', name), to: `${name}:${patroniPorts.postgres}` },
    { name: patroniNames.link('replication', name), to: `${name}:${patroniPorts.postgres}` },
    { name: patroniNames.link('rest', name), to: `${name}:${patroniPorts.rest}` },
    { name: patroniNames.link('dcs', name), to: `${patroniNames.etcd}:${patroniPorts.etcd}` },
  ]);
  const extended: FaultlineConfig = {
    ...config,
    dependencies: [etcd(patroniNames.etcd), ...members.map((name) => member(name)), ...(config.dependencies ?? []).filter((dependency) => dependency.name !== patroniNames.database)],
    links: [...config.links.filter((link) => link.name !== patroniNames.databaseLink), ...links],
    service: {
      ...config.service,
      environment: { ...config.service.environment, [patroniNames.databaseHostsVariable]: members.map((name) => `{{link:${patroniNames.link('client', name)}}}`).join(',') },
    },
  };
  return { ...loaded, config: extended };
}
