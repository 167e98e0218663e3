// The asynchronous half of the reference system (DESIGN.md §2): NATS JetStream, the fulfilment
// worker and its shipping upstream, added to a configuration that has the reference stack's order
// service and PostgreSQL. Features tagged @events run on it; nothing else starts these parts.
import { join } from 'node:path';
import { images, scriptableUpstream, type DependencyConfig, type FaultlineConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';

export const eventsNames = {
  broker: 'nats',
  worker: 'fulfilment-worker',
  shipping: 'shipping',
  database: 'postgres-primary',
  workerDatabase: 'fulfilment',
  /** The shipping route the worker calls, one per customer, so that a scenario can poison one customer's orders. */
  shipmentRoute: /^POST \/customers\/[^/]+\/shipments$/,
} as const;

/** The worker's settings in the events features: short enough for a scenario, stated in the report. */
export const workerSettings = {
  MAX_DELIVER: '4',
  ACK_WAIT_MS: '3000',
  SHIPPING_TIMEOUT_MS: '1000',
  REDELIVERY_BASE_MS: '200',
  REDELIVERY_CAP_MS: '1000',
} as const;

export function withEvents(loaded: LoadedConfig): LoadedConfig {
  const { config } = loaded;
  const database = config.dependencies?.find((dependency) => dependency.name === eventsNames.database);
  if (!database || config.service.environment?.DB_HOSTS === undefined) {
    throw new FaultlineError(
      'FL_MISSING_CAPABILITY',
      `event scenarios (@events) need the reference stack's order service and a PostgreSQL dependency named "${eventsNames.database}"; ${loaded.path} has neither (run them with the reference configuration)`,
    );
  }
  const withFulfilmentDatabase: DependencyConfig = {
    ...database,
    files: [...(database.files ?? []), { source: join(projectRoot, 'fixtures', 'postgres', 'fulfilment-init.sh'), target: '/docker-entrypoint-initdb.d/20-fulfilment.sh', mode: 0o755 }],
  };
  const broker: DependencyConfig = {
    name: eventsNames.broker,
    image: images.nats,
    imageVariable: 'FAULTLINE_NATS_IMAGE',
    command: ['-js', '-sd', '/tmp/jetstream', '-m', '8222'],
    ports: [4222, 8222],
    readiness: { http: '/healthz', port: 8222 },
  };
  const worker: DependencyConfig = {
    name: eventsNames.worker,
    build: { context: join(projectRoot, 'fixtures', 'fulfilment-worker'), args: { BASE_IMAGE: images.node } },
    environment: {
      PORT: '3100',
      NATS_URL: 'nats://{{link:broker-worker}}',
      SHIPPING_URL: 'http://{{link:shipping}}',
      DB_HOSTS: '{{link:worker-db}}',
      DB_USER: database.environment?.POSTGRES_USER ?? 'orders',
      DB_PASSWORD: database.environment?.POSTGRES_PASSWORD ?? '',
      DB_NAME: eventsNames.workerDatabase,
      ...workerSettings,
    },
    ports: [3100],
    readiness: { http: '/health/ready' },
    secretEnvironment: ['DB_PASSWORD'],
  };
  const dependencies = (config.dependencies ?? []).map((dependency) => (dependency.name === eventsNames.database ? withFulfilmentDatabase : dependency));
  const extended: FaultlineConfig = {
    ...config,
    dependencies: [...dependencies, broker, { ...scriptableUpstream({ name: eventsNames.shipping, tokenSecret: 'shipping-token' }), asynchronous: true }, worker],
    links: [
      ...config.links,
      { name: 'broker', to: `${eventsNames.broker}:4222` },
      { name: 'broker-worker', to: `${eventsNames.broker}:4222` },
      { name: 'shipping', to: `${eventsNames.shipping}:8080` },
      { name: 'worker-db', to: `${eventsNames.database}:5432` },
    ],
    service: { ...config.service, environment: { ...config.service.environment, BROKER_URL: 'nats://{{link:broker}}' } },
  };
  return { ...loaded, config: extended };
}
