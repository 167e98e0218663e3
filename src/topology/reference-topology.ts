import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageCatalog } from '../images/image-catalog.js';
import { projectRoot } from '../project-root.js';
import { Topology } from './topology.js';
import type { ServiceSpec } from './topology-spec.js';

/** Per-run credentials of the reference stack: random, never written to reports or logs. */
export interface ReferenceSecrets {
  readonly apiKeys: readonly [string, string];
  readonly replicationPassword: string;
  /** A key of its own for warming the service up, so that warm-up never spends a scenario's rate limit. */
  readonly warmUpKey: string;
  readonly gatewayControlToken: string;
  readonly databasePassword: string;
}

export function newReferenceSecrets(): ReferenceSecrets {
  const token = () => randomBytes(16).toString('hex');
  return { apiKeys: [`key-${token()}`, `key-${token()}`], replicationPassword: token(), warmUpKey: `key-${token()}`, gatewayControlToken: token(), databasePassword: token() };
}

export const referenceNames = {
  orderService: 'order-service',
  gateway: 'payment-gateway',
  primary: 'postgres-primary',
  standby: 'postgres-standby',
  standbyName: 'standby1',
  servicePort: 3000,
  gatewayPort: 8080,
  gatewayControlPort: 8081,
  databaseUser: 'orders',
  databaseName: 'orders',
} as const;

function fixtureImage(name: string, images: ImageCatalog) {
  return {
    kind: 'dockerfile' as const,
    context: join(projectRoot, 'fixtures', name),
    tag: `faultline.local/${name}:dev`,
    buildArgs: { BASE_IMAGE: images.node },
  };
}

/**
 * The reference stack of DESIGN.md §2: the order service behind an "ingress" link, reaching the
 * payment gateway and PostgreSQL through their own links.
 */
export interface ReferenceOptions {
  /** Adds a hot standby streaming from the primary through the "replication" link (DESIGN.md §7). */
  readonly standby?: boolean;
}

const postgresFixture = (name: string) => readFileSync(join(projectRoot, 'fixtures', 'postgres', name), 'utf8');

export function referenceTopology(images: ImageCatalog, secrets: ReferenceSecrets, serviceEnv: Record<string, string> = {}, options: ReferenceOptions = {}): Topology {
  const n = referenceNames;
  const topology = new Topology(images)
    .withService({
      name: n.primary,
      image: { kind: 'image', name: images.postgres },
      imageVariable: 'FAULTLINE_POSTGRES_IMAGE',
      environment: {
        POSTGRES_USER: n.databaseUser,
        POSTGRES_PASSWORD: secrets.databasePassword,
        POSTGRES_DB: n.databaseName,
        REPLICATION_PASSWORD: secrets.replicationPassword,
      },
      hostPorts: [5432],
      readiness: { kind: 'log', pattern: /database system is ready to accept connections/, times: 2 },
      secretKeys: ['POSTGRES_PASSWORD', 'REPLICATION_PASSWORD'],
      files: [{ content: postgresFixture('primary-init.sh'), target: '/docker-entrypoint-initdb.d/10-replication.sh', mode: 0o755 }],
    })
    .withService({
      name: n.gateway,
      image: fixtureImage('payment-gateway', images),
      environment: {
        PORT: String(n.gatewayPort),
        CONTROL_PORT: String(n.gatewayControlPort),
        CONTROL_TOKEN: secrets.gatewayControlToken,
      },
      hostPorts: [n.gatewayControlPort],
      readiness: { kind: 'http', port: n.gatewayPort, path: '/health' },
      secretKeys: ['CONTROL_TOKEN'],
    })
    .withLink('payment', n.gateway, n.gatewayPort)
    .withLink('db-primary', n.primary, 5432);
  if (options.standby) {
    topology
      .withLink('replication', n.primary, 5432)
      .withLink('db-standby', n.standby, 5432)
      .withService({
        name: n.standby,
        image: { kind: 'image', name: images.postgres },
        imageVariable: 'FAULTLINE_POSTGRES_IMAGE',
        environment: {
          PRIMARY_HOST: 'toxiproxy',
          PRIMARY_PORT: String(topology.link('replication').listenPort),
          REPLICATION_PASSWORD: secrets.replicationPassword,
          STANDBY_NAME: n.standbyName,
        },
        command: ['bash', '/usr/local/bin/standby-entrypoint.sh'],
        files: [{ content: postgresFixture('standby-entrypoint.sh'), target: '/usr/local/bin/standby-entrypoint.sh', mode: 0o755 }],
        hostPorts: [5432],
        readiness: { kind: 'log', pattern: /started streaming WAL from primary/ },
        secretKeys: ['REPLICATION_PASSWORD'],
      });
  }

  const orderService: ServiceSpec = {
    name: n.orderService,
    image: fixtureImage('reference-service', images),
    environment: {
      PORT: String(n.servicePort),
      API_KEYS: [...secrets.apiKeys, secrets.warmUpKey].join(','),
      PAYMENT_URL: `http://${Topology.linkAddress(topology.link('payment'))}`,
      DB_HOSTS: [topology.link('db-primary'), ...(options.standby ? [topology.link('db-standby')] : [])].map((link) => Topology.linkAddress(link)).join(','),
      DB_USER: n.databaseUser,
      DB_PASSWORD: secrets.databasePassword,
      DB_NAME: n.databaseName,
      ...serviceEnv,
    },
    hostPorts: [n.servicePort],
    readiness: { kind: 'http', port: n.servicePort, path: '/health/ready' },
    secretKeys: ['API_KEYS', 'DB_PASSWORD'],
  };
  return topology.withService(orderService).withLink('ingress', n.orderService, n.servicePort);
}
