// Service configurations that each break one resilience pattern (DESIGN.md §6). The suite runs
// the matching features against each and must fail: a verification that passes against a broken
// service is a defect.

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
}

export const mutants: readonly Mutant[] = [
  { name: 'breaker-never-opens', breaks: 'the circuit breaker threshold is unreachable', environment: { BREAKER_THRESHOLD: '1000000' }, tags: '@breaker' },
  { name: 'no-attempt-timeout', breaks: 'payment attempts have no timeout', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@timeouts' },
  { name: 'zero-backoff', breaks: 'retries follow each other without delay', environment: { RETRY_BASE_MS: '0', RETRY_CAP_MS: '0' }, tags: '@retries' },
  { name: 'no-jitter', breaks: 'retry delays are the exponential bound exactly, without jitter', environment: { RETRY_JITTER: 'none' }, tags: '@retries' },
  { name: 'unlimited-bulkhead', breaks: 'the bulkhead admits any number of concurrent payments', environment: { BULKHEAD_LIMIT: '100000', BULKHEAD_QUEUE: '100000' }, tags: '@bulkhead' },
  { name: 'rate-limit-off', breaks: 'there is no per-key rate limit', environment: { RATE_LIMIT_ENABLED: 'false' }, tags: '@rate-limit' },
  { name: 'astral-customer-id', breaks: 'a customerId with a character outside the Basic Multilingual Plane crashes the request (a planted bug)', environment: { PLANTED_DEFECT: 'astral-customer-id' }, tags: '@fuzz-bodies' },
  { name: 'async-replication', breaks: 'replication to the standby is asynchronous where the scenario asks for synchronous', environment: { REPLICATION_MODE: 'async' }, tags: '@dr-sync' },
  {
    name: 'tip-jar-no-timeout',
    breaks: 'the tip jar waits for its payment upstream without a timeout',
    environment: { UPSTREAM_TIMEOUT_MS: '0' },
    tags: '@tip-jar-timeouts',
    target: { config: 'fixtures/tip-jar/faultline.config.ts', profile: 'tipJarMutant' },
  },
  {
    name: 'tip-jar-no-drain',
    breaks: 'on SIGTERM the tip jar turns unready and exits at once, dropping the requests in flight',
    environment: { SHUTDOWN_DRAIN: 'false' },
    tags: '@tip-jar-shutdown',
    target: { config: 'fixtures/tip-jar/faultline.config.ts', profile: 'tipJarMutant' },
  },
  {
    name: 'tip-jar-no-timeout-explored',
    breaks: 'the tip jar waits for its payment upstream without a timeout, found by exploring its fault space',
    environment: { UPSTREAM_TIMEOUT_MS: '0' },
    tags: '@tip-jar-explore and not @tip-jar-scenario-explore',
    target: { config: 'fixtures/tip-jar/faultline.config.ts', profile: 'tipJarMutant' },
  },
  { name: 'ready-ignores-database', breaks: 'readiness does not check the database', environment: { READY_CHECKS_DATABASE: 'false' }, tags: '@health' },
  // One per container-level fault kind: each must be killed by that kind's own scenarios.
  { name: 'breaker-never-opens-paused', breaks: 'the circuit breaker never opens, shown by a paused payment gateway', environment: { BREAKER_THRESHOLD: '1000000' }, tags: '@process-pause' },
  { name: 'orders-in-memory', breaks: 'orders are acknowledged but kept only in memory (a planted bug): a crash loses them', environment: { PLANTED_DEFECT: 'orders-in-memory' }, tags: '@process-kill' },
  { name: 'no-attempt-timeout-cpu', breaks: 'payment attempts have no timeout, shown under CPU pressure', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@cpu' },
  { name: 'no-attempt-timeout-dns', breaks: 'payment attempts have no timeout, shown by unanswered name lookups', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@dns' },
  { name: 'no-attempt-timeout-packets', breaks: 'payment attempts have no timeout, shown by a 700 ms delay on the payment gateway\'s packets', environment: { ATTEMPT_TIMEOUT_MS: '0' }, tags: '@packet-timeouts' },
  { name: 'wall-clock-rate-limit', breaks: 'the rate-limit buckets refill by the wall clock (a planted bug): a clock step refills or freezes them', environment: { PLANTED_DEFECT: 'wall-clock-rate-limit' }, tags: '@clock' },
  // The order events (features/events.feature): the fulfilment worker's and the outbox's broken variants.
  { name: 'ack-before-processing', breaks: 'the fulfilment worker acknowledges an event before shipping it: a worker killed mid-call loses the shipment', environment: { ACK_MODE: 'before' }, service: 'fulfilment-worker', tags: '@events-worker-crash' },
  { name: 'no-idempotency-check', breaks: 'the fulfilment worker does not skip events it has already processed: a redelivered event ships twice', environment: { IDEMPOTENCY_CHECK: 'false' }, service: 'fulfilment-worker', tags: '@events-lost-ack' },
  { name: 'no-dead-letter', breaks: 'the fulfilment worker never dead-letters: a poison event is redelivered for ever, neither shipped nor dead-lettered', environment: { DEAD_LETTER: 'false' }, service: 'fulfilment-worker', tags: '@events-poison' },
  { name: 'no-redelivery-backoff', breaks: 'the fulfilment worker redelivers a failed event at once, without backoff', environment: { REDELIVERY_BASE_MS: '1', REDELIVERY_CAP_MS: '1' }, service: 'fulfilment-worker', tags: '@events-backoff' },
  { name: 'publish-outside-transaction', breaks: 'the order event is published once after the commit instead of through the outbox: a broker outage loses it', environment: { EVENTS_MODE: 'after-commit' }, tags: '@events-broker-down' },
  // The order cache and the saga (features/cache.feature, features/saga.feature).
  { name: 'cache-errors-not-caught', breaks: 'a cache error fails the read with 503 instead of falling back to the database', environment: { CACHE_ERRORS: 'propagate' }, tags: '@cache-down' },
  { name: 'no-cache-timeout', breaks: 'cache calls wait 10 s instead of 50 ms: a slow cache makes every read slow', environment: { CACHE_TIMEOUT_MS: '10000' }, tags: '@cache-slow' },
  { name: 'cache-not-invalidated', breaks: 'a change leaves the old version in the cache: readers see it', environment: { CACHE_INVALIDATION: 'off' }, tags: '@cache-stale' },
  { name: 'no-compensation', breaks: 'a failed saga compensates nothing: its reservation (or charge) is left behind', environment: { SAGA_COMPENSATION: 'off' }, tags: '@saga-payment-fails' },
  { name: 'saga-state-in-memory', breaks: 'saga progress is kept in memory only: a crash mid-saga leaves an orphan charge and reservation', environment: { SAGA_STATE: 'memory' }, tags: '@saga-crash' },
  { name: 'non-idempotent-compensation', breaks: 'each compensation retry runs every step again under a new key: a retried release refunds twice', environment: { COMPENSATION_KEYS: 'fresh' }, tags: '@saga-compensation-retry' },
  { name: 'no-compensation-explored', breaks: 'a failed saga compensates nothing, found by exploring the saga\'s fault space', environment: { SAGA_COMPENSATION: 'off' }, tags: '@explore-saga' },
  { name: 'ack-before-processing-explored', breaks: 'the fulfilment worker acknowledges an event before shipping it, found by exploring the events\' fault space', environment: { ACK_MODE: 'before' }, service: 'fulfilment-worker', tags: '@explore-events' },
  // Bearer tokens and ownership (features/auth.feature).
  { name: 'jwt-expiry-ignored', breaks: 'a bearer token is accepted after its exp, however long ago (a planted bug)', environment: { PLANTED_DEFECT: 'jwt-expiry-ignored' }, tags: '@auth-expiry' },
  { name: 'jwt-alg-none', breaks: 'an unsigned bearer token (alg none) is decoded and trusted (a planted bug)', environment: { PLANTED_DEFECT: 'jwt-alg-none' }, tags: '@auth-alg-none' },
  { name: 'jwt-no-leeway', breaks: 'exp and nbf are checked without leeway: a service clock a few seconds behind refuses fresh tokens', environment: { JWT_LEEWAY_SECONDS: '0' }, tags: '@auth-clock' },
  { name: 'idor', breaks: 'GET /orders/:id does not check whose order it is: any user reads any order (a planted bug)', environment: { PLANTED_DEFECT: 'idor' }, tags: '@auth-ownership' },
  // Planted bugs that no hand-written scenario kills: the fault-space explorer (features/explore.feature) must find each.
  { name: 'fresh-key-after-garbled-answer', breaks: 'the retry after a charge answer cut short or not JSON carries a new idempotency key: the gateway charges twice (a planted bug)', environment: { PLANTED_DEFECT: 'fresh-key-after-garbled-answer' }, tags: '@explore and not @explore-saga and not @explore-events' },
  { name: 'cut-body-taken-as-charge', breaks: 'a 2xx charge answer cut mid-body is taken as a charge with a made-up payment id (a planted bug)', environment: { PLANTED_DEFECT: 'cut-body-taken-as-charge' }, tags: '@explore and not @explore-saga and not @explore-events' },
  { name: 'retry-after-5xx-unbounded', breaks: 'the retry after a gateway 5xx runs without the attempt timeout and outside the deadline (a planted bug)', environment: { PLANTED_DEFECT: 'retry-after-5xx-unbounded' }, tags: '@explore and not @explore-saga and not @explore-events' },
  { name: 'gateway-429-as-500', breaks: 'a 429 from the gateway reaches the client as a plain-text 500 (a planted bug)', environment: { PLANTED_DEFECT: 'gateway-429-as-500' }, tags: '@explore and not @explore-saga and not @explore-events' },
  // The same planted bug as orders-in-memory, found without a crash: the explorer's history oracle reads the orders table after every run.
  { name: 'orders-in-memory-explored', breaks: 'orders are acknowledged but kept only in memory (a planted bug): the orders table never holds them', environment: { PLANTED_DEFECT: 'orders-in-memory' }, tags: '@explore and not @explore-saga and not @explore-events' },
  { name: 'gateway-429-accepted-unpaid', breaks: 'a 429 from the gateway is taken as "charge queued": the order is acknowledged without a charge (a planted bug)', environment: { PLANTED_DEFECT: 'gateway-429-accepted-unpaid' }, tags: '@explore and not @explore-saga and not @explore-events' },
];

export const mutantVariable = 'FAULTLINE_MUTANT';

// A mutant of the loaded configuration (its `mutants`), set by the configuration loader when
// FAULTLINE_MUTANT names one (config-mutants.ts). The World asks activeMutant() by name alone, and a
// process runs one configuration, so the loader leaves it here rather than threading it through.
let configured: Mutant | undefined;

export function useConfiguredMutant(mutant: Mutant | undefined): void {
  configured = mutant;
}

/** The mutant this process runs against (FAULTLINE_MUTANT): the catalog's or the configuration's, or none. */
export function activeMutant(env: NodeJS.ProcessEnv = process.env): Mutant | undefined {
  const name = env[mutantVariable];
  if (name === undefined || name === '') return undefined;
  const mutant = mutants.find((candidate) => candidate.name === name) ?? (configured?.name === name ? configured : undefined);
  if (!mutant) {
    throw new Error(
      `${mutantVariable}="${name}" is not a known mutant; known: ${mutants.map((m) => m.name).join(', ')}` +
        `${configured ? '' : ', or a mutant declared in the configuration\'s `mutants`'}`,
    );
  }
  return mutant;
}

/** The replication mode a mutant forces on "synchronous replication" scenarios, if any. */
export function mutantReplicationMode(env: NodeJS.ProcessEnv = process.env): 'sync' | 'async' | undefined {
  const mode = activeMutant(env)?.environment.REPLICATION_MODE;
  return mode === 'async' || mode === 'sync' ? mode : undefined;
}
