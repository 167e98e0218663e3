// The cache and the saga of the reference system (DESIGN.md §2): Redis behind the "cache" link and the
// inventory service (a scriptable upstream) behind the "inventory" link, added to the reference
// configuration. Features tagged @cache, @saga or @shared-rate-limit (whose buckets are in that Redis)
// run on it; nothing else starts these parts.
import { images, scriptableUpstream, type DependencyConfig, type FaultlineConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';

export const sagaNames = {
  cache: 'redis',
  inventory: 'inventory',
  payment: 'payment-gateway',
  database: 'postgres-primary',
} as const;

export function withCacheAndSaga(loaded: LoadedConfig): LoadedConfig {
  const { config } = loaded;
  const hasReference = config.dependencies?.some((dependency) => dependency.name === sagaNames.database) && config.dependencies.some((dependency) => dependency.name === sagaNames.payment);
  if (!hasReference) {
    throw new FaultlineError(
      'FL_MISSING_CAPABILITY',
      `cache and saga scenarios (@cache, @saga) need the reference stack's order service with "${sagaNames.database}" and "${sagaNames.payment}"; ${loaded.path} lacks them (run them with the reference configuration)`,
    );
  }
  const redis: DependencyConfig = {
    name: sagaNames.cache,
    image: images.redis,
    imageVariable: 'FAULTLINE_REDIS_IMAGE',
    ports: [6379],
    readiness: { log: 'Ready to accept connections' },
  };
  const extended: FaultlineConfig = {
    ...config,
    dependencies: [...(config.dependencies ?? []), redis, scriptableUpstream({ name: sagaNames.inventory, tokenSecret: 'inventory-token' })],
    links: [...config.links, { name: 'cache', to: `${sagaNames.cache}:6379` }, { name: 'inventory', to: `${sagaNames.inventory}:8080` }],
    service: {
      ...config.service,
      // The shared rate limit's store too; the buckets are used only where a scenario sets RATE_LIMIT_STORE=redis.
      environment: { ...config.service.environment, CACHE_URL: 'redis://{{link:cache}}', RATE_LIMIT_REDIS_URL: 'redis://{{link:cache}}', INVENTORY_URL: 'http://{{link:inventory}}' },
    },
  };
  return { ...loaded, config: extended };
}
