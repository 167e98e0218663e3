// Service configurations that each break one resilience pattern (DESIGN.md §6). The suite runs
// the matching features against each and must fail: a verification that passes against a broken
// service is a defect.
import type { MutantConfig } from '../config/config.js';
import { configuredMutantInUse, mutantVariable } from '../config/configured-mutant.js';

export interface Mutant {
  readonly name: string;
  /** What it breaks, in words. */
  readonly breaks: string;
  /** Environment laid over every scenario's own configuration. */
  readonly environment: Readonly<Record<string, string>>;
  /** The container whose environment it changes, when not the service under test (the fulfilment worker). */
  readonly service?: string;
  /** Cucumber tag expression of the scenarios that must catch it. */
  readonly tags: string;
  /** Another service's configuration and features (default: the reference stack's). */
  readonly target?: { readonly config: string; readonly profile: string };
  /**
   * The Then step expected to kill it: a part of the step's text, or a pattern. A failure at
   * another Then counts as survived (killed by an unrelated step): the broken behaviour went
   * unnoticed by the check written for it, and something else happened to fail.
   */
  readonly killedAt?: string | RegExp;
}

export const mutants: readonly Mutant[] = [
  { name: 'breaker-never-opens', breaks: 'the circuit breaker threshold is unreachable', environment: { BREAKER_THRESHOLD: '1000000' }, tags: '@breaker', killedAt: 'every order failed with 503 within 50ms' },
  { name: 'no-attempt-timeout', breaks: 'payment attempts have no timeout', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@timeouts', killedAt: 'the order fails with 504 after between 300ms and 300ms' },
  { name: 'zero-backoff', breaks: 'retries follow each other without delay', environment: { RETRY_BASE_MS: '0', RETRY_CAP_MS: '0' }, tags: '@retries', killedAt: 'first-retry delays of those orders are spread across' },
  { name: 'no-jitter', breaks: 'retry delays are the exponential bound exactly, without jitter', environment: { RETRY_JITTER: 'none' }, tags: '@retries', killedAt: 'first-retry delays of those orders are spread across' },
  { name: 'unlimited-bulkhead', breaks: 'the bulkhead admits any number of concurrent payments', environment: { BULKHEAD_LIMIT: '100000', BULKHEAD_QUEUE: '100000' }, tags: '@bulkhead', killedAt: 'failed with 503 within 50ms' },
  { name: 'rate-limit-off', breaks: 'there is no per-key rate limit', environment: { RATE_LIMIT_ENABLED: 'false' }, tags: '@rate-limit and not @rate-limit-isolation', killedAt: '5 orders succeeded and 2 failed with 429' },
  { name: 'astral-customer-id', breaks: 'a customerId with a character outside the Basic Multilingual Plane crashes the request (a planted bug)', environment: { PLANTED_DEFECT: 'astral-customer-id' }, tags: '@fuzz-bodies', killedAt: 'every generated input was answered as the contract says' },
  // The HA manager's mutants: Patroni settings (PATCH /config) laid over the scenario's own.
  { name: 'async-replication', breaks: 'Patroni replicates asynchronously where the scenario asks for synchronous mode', environment: { synchronous_mode: 'false' }, service: 'patroni', tags: '@dr-sync', killedAt: 'finds 0 lost and 0 duplicated orders' },
  { name: 'slow-leader-ttl', breaks: 'the leader lock lives 45 s (ttl far above what the stated failover bound allows)', environment: { ttl: '45' }, service: 'patroni', tags: '@dr-sync', killedAt: 'Patroni promotes another member within 20s of the fault' },
  { name: 'no-fencing', breaks: 'a primary that cannot reach etcd retries for 30 s before it demotes (retry_timeout 30 with ttl 10: loop_wait + 2 x retry_timeout > ttl), so it keeps taking writes after its lock expired', environment: { retry_timeout: '30' }, service: 'patroni', tags: '@dr-fencing', killedAt: 'the old primary stopped being primary before the new primary was promoted' },
  { name: 'lag-ignored-on-failover', breaks: 'maximum_lag_on_failover is 1 GB: a replica missing acknowledged writes may be promoted', environment: { maximum_lag_on_failover: '1073741824' }, service: 'patroni', tags: '@dr-lag', killedAt: 'the lagging replica is not promoted for' },
  {
    name: 'tip-jar-no-timeout',
    killedAt: 'the request fails with 504 after between 400ms and 400ms',
    breaks: 'the tip jar waits for its payment upstream without a timeout',
    environment: { UPSTREAM_TIMEOUT_MS: '0' },
    tags: '@tip-jar-timeouts',
    target: { config: 'fixtures/tip-jar/faultline.config.ts', profile: 'tipJarMutant' },
  },
  {
    name: 'tip-jar-no-drain',
    killedAt: 'every in-flight request succeeded',
    breaks: 'on SIGTERM the tip jar turns unready and exits at once, dropping the requests in flight',
    environment: { SHUTDOWN_DRAIN: 'false' },
    tags: '@tip-jar-shutdown',
    target: { config: 'fixtures/tip-jar/faultline.config.ts', profile: 'tipJarMutant' },
  },
  {
    name: 'tip-jar-no-timeout-explored',
    killedAt: 'no run broke the contract',
    breaks: 'the tip jar waits for its payment upstream without a timeout, found by exploring its fault space',
    environment: { UPSTREAM_TIMEOUT_MS: '0' },
    tags: '@tip-jar-explore and not @tip-jar-scenario-explore and not @tip-jar-replay',
    target: { config: 'fixtures/tip-jar/faultline.config.ts', profile: 'tipJarMutant' },
  },
  { name: 'ready-ignores-database', breaks: 'readiness does not check the database', environment: { READY_CHECKS_DATABASE: 'false' }, tags: '@health', killedAt: 'GET /health/ready answers 503' },
  // One per container-level fault kind: each must be killed by that kind's own scenarios.
  { name: 'breaker-never-opens-paused', breaks: 'the circuit breaker never opens, shown by a paused payment gateway', environment: { BREAKER_THRESHOLD: '1000000' }, tags: '@process-pause', killedAt: 'the order fails with 503 within 50ms' },
  { name: 'orders-in-memory', breaks: 'orders are acknowledged but kept only in memory (a planted bug): a crash loses them', environment: { PLANTED_DEFECT: 'orders-in-memory' }, tags: '@process-kill', killedAt: 'every acknowledged order can still be read back' },
  { name: 'no-attempt-timeout-cpu', breaks: 'payment attempts have no timeout, shown under CPU pressure', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@cpu', killedAt: 'every order failed with 504 within 300ms' },
  { name: 'no-attempt-timeout-dns', breaks: 'payment attempts have no timeout, shown by unanswered name lookups', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@dns', killedAt: 'every order failed with 504 within 300ms' },
  { name: 'no-attempt-timeout-packets', breaks: 'payment attempts have no timeout, shown by a 700 ms delay on the payment gateway\'s packets', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@packet-timeouts', killedAt: 'the order fails with 504 or 503 within 2s' },
  { name: 'wall-clock-rate-limit', breaks: 'the rate-limit buckets refill by the wall clock (a planted bug): a clock step refills or freezes them', environment: { PLANTED_DEFECT: 'wall-clock-rate-limit' }, tags: '@clock', killedAt: 'is refused with 429' },
  // The order events (features/events.feature): the fulfilment worker's and the outbox's broken variants.
  { name: 'ack-before-processing', breaks: 'the fulfilment worker acknowledges an event before shipping it: a worker killed mid-call loses the shipment', environment: { ACK_MODE: 'before' }, service: 'fulfilment-worker', tags: '@events-worker-crash', killedAt: 'every order is shipped exactly once' },
  { name: 'no-idempotency-check', breaks: 'the fulfilment worker does not skip events it has already processed: a redelivered event ships twice', environment: { IDEMPOTENCY_CHECK: 'false' }, service: 'fulfilment-worker', tags: '@events-lost-ack', killedAt: 'every order is shipped exactly once' },
  { name: 'no-dead-letter', breaks: 'the fulfilment worker never dead-letters: a poison event is redelivered for ever, neither shipped nor dead-lettered', environment: { DEAD_LETTER: 'false' }, service: 'fulfilment-worker', tags: '@events-poison', killedAt: 'shipped exactly once or dead-lettered' },
  { name: 'no-redelivery-backoff', breaks: 'the fulfilment worker redelivers a failed event at once, without backoff', environment: { REDELIVERY_BASE_MS: '1', REDELIVERY_CAP_MS: '1' }, service: 'fulfilment-worker', tags: '@events-backoff', killedAt: 'redelivery gaps' },
  { name: 'publish-outside-transaction', breaks: 'the order event is published once after the commit instead of through the outbox: a broker outage loses it', environment: { EVENTS_MODE: 'after-commit' }, tags: '@events-broker-down', killedAt: 'every order is shipped exactly once' },
  // The order cache and the saga (features/cache.feature, features/saga.feature).
  { name: 'cache-errors-not-caught', breaks: 'a cache error fails the read with 503 instead of falling back to the database', environment: { CACHE_ERRORS: 'propagate' }, tags: '@cache-down', killedAt: 'every request ends in "200" within 200ms' },
  { name: 'no-cache-timeout', breaks: 'cache calls wait 10 s instead of 50 ms: a slow cache makes every read slow', environment: { CACHE_TIMEOUT_MS: '10000' }, tags: '@cache-slow', killedAt: 'every request ends in "200" within 150ms' },
  { name: 'cache-not-invalidated', breaks: 'a change leaves the old version in the cache: readers see it', environment: { CACHE_INVALIDATION: 'off' }, tags: '@cache-stale', killedAt: 'shows version 2' },
  { name: 'no-compensation', breaks: 'a failed saga compensates nothing: its reservation (or charge) is left behind', environment: { SAGA_COMPENSATION: 'off' }, tags: '@saga-payment-fails', killedAt: 'the integrity checker finds every charge and reservation accounted for' },
  { name: 'saga-state-in-memory', breaks: 'saga progress is kept in memory only: a crash mid-saga leaves an orphan charge and reservation', environment: { SAGA_STATE: 'memory' }, tags: '@saga-crash', killedAt: 'the integrity checker finds every charge and reservation accounted for' },
  { name: 'non-idempotent-compensation', breaks: 'each compensation retry runs every step again under a new key: a retried release refunds twice', environment: { COMPENSATION_KEYS: 'fresh' }, tags: '@saga-compensation-retry', killedAt: 'the integrity checker finds every charge and reservation accounted for' },
  // The rate limit shared by replicas in Redis (features/shared-rate-limit.feature).
  { name: 'rate-limit-per-replica', breaks: 'each replica keeps its own buckets in memory: behind 3 replicas a key gets its burst 3 times', environment: { RATE_LIMIT_STORE: 'memory' }, tags: '@shared-rate-limit-replicas', killedAt: '5 orders succeeded and 2 failed with 429' },
  { name: 'rate-limit-fails-closed', breaks: 'configured to fail open, the rate limit refuses every request with 503 while Redis is unreachable', environment: { RATE_LIMIT_ON_STORE_ERROR: 'closed' }, tags: '@shared-rate-limit-open', killedAt: 'every order succeeded' },
  { name: 'rate-limit-fails-open', breaks: 'configured to fail closed, the rate limit lets every request through unmetered while Redis is unreachable', environment: { RATE_LIMIT_ON_STORE_ERROR: 'open' }, tags: '@shared-rate-limit-closed', killedAt: 'every order failed with 503 within 100ms' },
  { name: 'rate-limit-store-timeout-1s', breaks: 'the shared rate limit waits 1 s instead of 50 ms for a Redis that does not answer: every request pays it', environment: { RATE_LIMIT_REDIS_TIMEOUT_MS: '1000' }, tags: '@shared-rate-limit-closed', killedAt: 'every order failed with 503 within 100ms' },
  { name: 'no-compensation-explored', breaks: 'a failed saga compensates nothing, found by exploring the saga\'s fault space', environment: { SAGA_COMPENSATION: 'off' }, tags: '@explore-saga', killedAt: 'no run broke the contract' },
  { name: 'ack-before-processing-explored', breaks: 'the fulfilment worker acknowledges an event before shipping it, found by exploring the events\' fault space', environment: { ACK_MODE: 'before' }, service: 'fulfilment-worker', tags: '@explore-events', killedAt: 'no run broke the contract' },
  // Bearer tokens and ownership (features/auth.feature).
  { name: 'jwt-expiry-ignored', breaks: 'a bearer token is accepted after its exp, however long ago (a planted bug)', environment: { PLANTED_DEFECT: 'jwt-expiry-ignored' }, tags: '@auth-expiry', killedAt: 'they were answered:' },
  { name: 'jwt-alg-none', breaks: 'an unsigned bearer token (alg none) is decoded and trusted (a planted bug)', environment: { PLANTED_DEFECT: 'jwt-alg-none' }, tags: '@auth-alg-none', killedAt: 'they were answered:' },
  { name: 'jwt-no-leeway', breaks: 'exp and nbf are checked without leeway: a service clock a few seconds behind refuses fresh tokens', environment: { JWT_LEEWAY_SECONDS: '0' }, tags: '@auth-clock', killedAt: 'they were answered:' },
  { name: 'idor', breaks: 'GET /orders/:id does not check whose order it is: any user reads any order (a planted bug)', environment: { PLANTED_DEFECT: 'idor' }, tags: '@auth-ownership', killedAt: 'they were answered:' },
  // Planted bugs in what the policies promise beyond a status code: each killed at the Then written for it.
  { name: 'replay-charges-again', breaks: 'an idempotent replay charges the gateway again before it returns the stored order (a planted bug)', environment: { PLANTED_DEFECT: 'replay-charges-again' }, tags: '@idempotency', killedAt: 'the replay caused 0 charges' },
  { name: 'breaker-counts-4xx', breaks: 'a gateway 4xx counts as a failure toward opening the breaker (a planted bug)', environment: { PLANTED_DEFECT: 'breaker-counts-4xx' }, tags: '@breaker-4xx', killedAt: 'the breaker state in /metrics is closed' },
  { name: 'breaker-reset-by-4xx', breaks: 'a gateway 4xx resets the breaker\'s count of consecutive failures (a planted bug)', environment: { PLANTED_DEFECT: 'breaker-reset-by-4xx' }, tags: '@breaker-4xx', killedAt: 'the breaker state in /metrics is open' },
  { name: 'retry-drops-idempotency-key', breaks: 'a retried charge is sent without its Idempotency-Key (a planted bug)', environment: { PLANTED_DEFECT: 'retry-drops-idempotency-key' }, tags: '@retry-headers', killedAt: "carried that order's Idempotency-Key and X-Request-Id" },
  { name: 'shared-rate-limit-bucket', breaks: 'every caller takes from one token bucket instead of its own (a planted bug)', environment: { PLANTED_DEFECT: 'shared-rate-limit-bucket' }, tags: '@rate-limit-isolation', killedAt: 'unused so far, gets' },
  { name: 'ready-through-grace', breaks: 'readiness keeps answering 200 through the shutdown grace period (a planted bug)', environment: { PLANTED_DEFECT: 'ready-through-grace' }, tags: '@shutdown', killedAt: 'GET /health/ready answers 503 within' },
  { name: 'serve-after-grace', breaks: 'a request arriving after the shutdown grace period is served instead of shed (a planted bug)', environment: { PLANTED_DEFECT: 'serve-after-grace' }, tags: '@shutdown', killedAt: 'arrived after the grace period was shed with 503' },
  { name: 'retry-after-missing', breaks: 'the 503s of a full bulkhead, an unreachable gateway, shedding and an unavailable database carry no Retry-After (a planted bug)', environment: { PLANTED_DEFECT: 'retry-after-missing' }, tags: '@retry-after', killedAt: 'carried a Retry-After' },
  { name: 'attempt-after-deadline', breaks: 'a retry whose backoff ends at the deadline is still sent, outside the deadline (a planted bug)', environment: { PLANTED_DEFECT: 'attempt-after-deadline' }, tags: '@deadline', killedAt: 'at or after its' },
  // Planted bugs that no hand-written scenario kills: the fault-space explorer (features/explore.feature) must find each.
  { name: 'fresh-key-after-garbled-answer', breaks: 'the retry after a charge answer cut short or not JSON carries a new idempotency key: the gateway charges twice (a planted bug)', environment: { PLANTED_DEFECT: 'fresh-key-after-garbled-answer' }, tags: '@explore and not @explore-saga and not @explore-events', killedAt: 'no run broke the contract' },
  { name: 'cut-body-taken-as-charge', breaks: 'a 2xx charge answer cut mid-body is taken as a charge with a made-up payment id (a planted bug)', environment: { PLANTED_DEFECT: 'cut-body-taken-as-charge' }, tags: '@explore and not @explore-saga and not @explore-events', killedAt: 'no run broke the contract' },
  { name: 'retry-after-5xx-unbounded', breaks: 'the retry after a gateway 5xx runs without the attempt timeout and outside the deadline (a planted bug)', environment: { PLANTED_DEFECT: 'retry-after-5xx-unbounded' }, tags: '@explore and not @explore-saga and not @explore-events', killedAt: 'no run broke the contract' },
  { name: 'gateway-429-as-500', breaks: 'a 429 from the gateway reaches the client as a plain-text 500 (a planted bug)', environment: { PLANTED_DEFECT: 'gateway-429-as-500' }, tags: '@explore and not @explore-saga and not @explore-events', killedAt: 'no run broke the contract' },
  // The same planted bug as orders-in-memory, found without a crash: the explorer's history oracle reads the orders table after every run.
  { name: 'orders-in-memory-explored', breaks: 'orders are acknowledged but kept only in memory (a planted bug): the orders table never holds them', environment: { PLANTED_DEFECT: 'orders-in-memory' }, tags: '@explore and not @explore-saga and not @explore-events', killedAt: 'no run broke the contract' },
  { name: 'gateway-429-accepted-unpaid', breaks: 'a 429 from the gateway is taken as "charge queued": the order is acknowledged without a charge (a planted bug)', environment: { PLANTED_DEFECT: 'gateway-429-accepted-unpaid' }, tags: '@explore and not @explore-saga and not @explore-events', killedAt: 'no run broke the contract' },
  // Replicas behind HAProxy (features/replicas.feature, features/deployments.feature): a replica's shutdown, the balancer's configuration, a deployment.
  { name: 'no-shutdown-grace', breaks: 'on SIGTERM a replica closes its listener at once, while the balancer still sends it requests until its health check notices', environment: { SHUTDOWN_GRACE_MS: '0' }, tags: '@replicas-sigterm', killedAt: 'the balancer retried no request' },
  { name: 'balancer-without-health-checks', breaks: 'the load balancer does not check its replicas: a stalled replica stays in rotation', environment: { BALANCER_HEALTH_CHECKS: 'off' }, service: 'haproxy', tags: '@replicas-pause', killedAt: 'out of rotation within' },
  { name: 'canary-without-checks', breaks: 'the deployment raises a canary of a broken version to 100 % without checking its error rate or latency', environment: { CANARY_CHECKS: 'off' }, service: 'deployment', tags: '@deploy-canary', killedAt: 'the canary was rolled back to 0% of the traffic' },
  // The distributed lock (features/distributed-lock.feature): a runner of the backup job (both runners run the mutant).
  { name: 'lock-without-lease', breaks: 'a backup-job runner holds the lock without a lease: cut off from etcd it ignores its lease deadline and failed keepalives and runs the job on while another runner holds the lock', environment: { LOCK_LEASE_CHECK: 'off' }, service: 'backup-job', tags: '@lock', killedAt: "no two holders' job ticks overlap" },
];

/** As the catalog describes mutants: a configuration's mutant (the World lays `environment` over each scenario's settings). */
export function asCatalogMutant(mutant: MutantConfig): Mutant {
  return { name: mutant.name, breaks: mutant.breaks ?? describeChange(mutant), environment: mutant.environment ?? {}, tags: mutant.tags };
}

function describeChange(mutant: MutantConfig): string {
  const parts = [
    ...(mutant.image ? [`image ${mutant.image}`] : []),
    ...(mutant.build ? [`a build from ${mutant.build.context}`] : []),
    ...(mutant.environment ? [Object.entries(mutant.environment).map(([key, value]) => `${key}=${value}`).join(' ')] : []),
  ];
  return `the service with ${parts.join(' and ')}`;
}

/** The mutant this process runs against (FAULTLINE_MUTANT): the catalog's or the configuration's, or none. */
export function activeMutant(env: NodeJS.ProcessEnv = process.env): Mutant | undefined {
  const name = env[mutantVariable];
  if (name === undefined || name === '') return undefined;
  const configured = configuredMutantInUse();
  const mutant = mutants.find((candidate) => candidate.name === name) ?? (configured?.name === name ? asCatalogMutant(configured) : undefined);
  if (!mutant) {
    throw new Error(
      `${mutantVariable}="${name}" is not a known mutant; known: ${mutants.map((m) => m.name).join(', ')}` +
        `${configured ? '' : ', or a mutant declared in the configuration\'s `mutants`'}`,
    );
  }
  return mutant;
}
