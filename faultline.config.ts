// The reference stack (the default configuration): the order service behind the "ingress" link,
// reaching the payment gateway and PostgreSQL through the "payment" and "db-primary" links.
// docker-compose.yml describes the same stack for manual exploration; a test keeps both in step.
import { defineConfig, images, scriptableUpstream } from './src/config/config.js';

export default defineConfig({
  name: 'reference stack',
  dependencies: [
    {
      name: 'postgres-primary',
      image: images.postgres,
      imageVariable: 'FAULTLINE_POSTGRES_IMAGE',
      environment: {
        POSTGRES_USER: 'orders',
        POSTGRES_PASSWORD: '{{secret:db-password}}',
        POSTGRES_DB: 'orders',
        REPLICATION_PASSWORD: '{{secret:replication-password}}',
      },
      ports: [5432],
      // The official image's entrypoint logs this once for its initialisation server and once for the real one.
      readiness: { log: 'database system is ready to accept connections', times: 2 },
      files: [{ source: './fixtures/postgres/primary-init.sh', target: '/docker-entrypoint-initdb.d/10-replication.sh', mode: 0o755 }],
      secretEnvironment: ['POSTGRES_PASSWORD', 'REPLICATION_PASSWORD'],
    },
    scriptableUpstream(),
  ],
  links: [
    { name: 'payment', to: 'payment-gateway:8080' },
    { name: 'db-primary', to: 'postgres-primary:5432' },
    { name: 'ingress', to: 'order-service:3000' },
  ],
  service: {
    name: 'order-service',
    build: { context: './fixtures/reference-service', args: { BASE_IMAGE: images.node } },
    environment: {
      PORT: '3000',
      // The third key is the warm-up's own, so that warming up never spends a scenario's rate limit.
      API_KEYS: '{{secret:api-key}},{{secret:api-key-2}},{{secret:warm-up-key}}',
      PAYMENT_URL: 'http://{{link:payment}}',
      DB_HOSTS: '{{link:db-primary}}',
      DB_USER: 'orders',
      DB_PASSWORD: '{{secret:db-password}}',
      DB_NAME: 'orders',
    },
    ports: [3000],
    readiness: { http: '/health/ready' },
    secretEnvironment: ['API_KEYS', 'DB_PASSWORD'],
    ingress: 'ingress',
    request: {
      method: 'POST',
      path: '/orders',
      headers: { 'X-API-Key': '{{secret:api-key}}' },
      body: { customerId: 'customer-1', items: [{ sku: 'SKU-100', quantity: 1 }], currency: 'EUR' },
      uniqueHeader: 'Idempotency-Key',
    },
    metrics: { path: '/metrics' },
    warmUp: { rounds: 3, concurrency: 10, headers: { 'X-API-Key': '{{secret:warm-up-key}}' } },
    pristineWhen: { metric: 'payment_breaker_state', value: 0 },
  },
});
