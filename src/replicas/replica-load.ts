// Paced orders and reads through the balancer while a replica is signalled or restarted, and the
// judgements the replica scenarios make of them: which requests failed and how, whether every
// acknowledged order is stored once, whether the balancer had to retry anything.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultLedger } from '../faults/fault-ledger.js';
import type { ProcessSignal } from '../faults/process-signal-fault.js';
import type { Verdict } from '../probes/expectations.js';
import { probe, type ProbeResult } from '../probes/http-probe.js';
import { placeOrder, sampleOrder, type OrderResult } from '../probes/orders.js';
import { FaultlineError } from '../errors.js';
import type { ServerStat } from './balancer-control.js';
import { backendName, balancerProblems } from './haproxy-config.js';
import { pacedCalls } from '../probes/paced-calls.js';
import type { ReplicaSet } from './replica-set.js';
import type { ResponseLog } from './response-log.js';

export interface ReplicaLoad {
  readonly writes: OrderResult[];
  readonly reads: ProbeResult[];
  /** The balancer's backend counters before and after the load. */
  readonly before: ServerStat;
  readonly after: ServerStat;
  readonly faultAt?: number;
}

const requestTimeoutMs = 10_000;

/** Places one order and returns its id, to be read back under load. */
async function seedOrder(baseUrl: string, apiKey: string): Promise<string> {
  const seed = await placeOrder(baseUrl, { apiKey, timeoutMs: requestTimeoutMs });
  if (seed.status !== 201) throw new FaultlineError('FL_CONTROL_API', `the order to read back under load was refused: ${seed.status ?? seed.error} ${seed.body.slice(0, 200)}`);
  return (JSON.parse(seed.body) as { id: string }).id;
}

export interface LoadSpec {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly perSecond: number;
  /** Orders only, or orders and reads of one order at the same rate each. */
  readonly reads: boolean;
}

/** Load for `durationMs`, or until `during` settles when given (a deployment); `during` starts with the load. */
export async function loadWhile(set: ReplicaSet, spec: LoadSpec, until: { durationMs: number } | { during: () => Promise<unknown> }): Promise<ReplicaLoad & { readonly outcome?: unknown }> {
  const id = spec.reads ? await seedOrder(spec.baseUrl, spec.apiKey) : undefined;
  const before = await set.balancer.backend(backendName);
  const during = 'during' in until ? until.during() : undefined;
  const bound = 'durationMs' in until ? { count: Math.round((spec.perSecond * until.durationMs) / 1000) } : { stop: during! };
  const [writes, reads, outcome] = await Promise.all([
    pacedCalls(spec.perSecond, (index) => placeOrder(spec.baseUrl, { apiKey: spec.apiKey, payload: sampleOrder(index), timeoutMs: requestTimeoutMs }), bound),
    id === undefined
      ? Promise.resolve([])
      : pacedCalls(spec.perSecond, () => probe(spec.baseUrl, { method: 'GET', path: `/orders/${id}`, headers: { 'x-api-key': spec.apiKey }, timeoutMs: requestTimeoutMs }), bound),
    during,
  ]);
  const after = await set.balancer.backend(backendName);
  return { writes, reads, before, after, outcome };
}

/** Load for `durationMs` with a signal to one replica `afterMs` into it. */
export async function loadWithSignal(set: ReplicaSet, faults: FaultLedger, spec: LoadSpec, options: { durationMs: number; server: string; signal: ProcessSignal; afterMs: number }): Promise<ReplicaLoad> {
  let faultAt: number | undefined;
  const fault = (async () => {
    await sleep(options.afterMs);
    faultAt = Date.now();
    await set.signal(faults, options.server, options.signal);
  })();
  // Held until the load is over, without leaving a failed signal unhandled meanwhile.
  const signalled = fault.then(() => undefined, (error: unknown) => error);
  const load = await loadWhile(set, spec, { durationMs: options.durationMs });
  const failure = await signalled;
  if (failure !== undefined) throw failure;
  return { ...load, ...(faultAt === undefined ? {} : { faultAt }) };
}

const succeeded = (result: ProbeResult, status: number) => result.status === status;

function outcomes(results: readonly ProbeResult[]): string {
  const counts = new Map<string, number>();
  for (const result of results) counts.set(String(result.status ?? result.error), (counts.get(String(result.status ?? result.error)) ?? 0) + 1);
  return [...counts].map(([outcome, count]) => `${outcome}×${count}`).join(', ');
}

/** No request of the sample failed (every one answered `status`). */
export function expectNoneFailed(results: readonly ProbeResult[], status: number, what: string): Verdict {
  const failed = results.filter((result) => !succeeded(result, status));
  return {
    label: `failed ${what}`,
    measured: failed.length,
    unit: 'requests',
    bound: '0',
    ok: results.length > 0 && failed.length === 0,
    detail: `${failed.length} of ${results.length} ${what} did not answer ${status}; outcomes ${outcomes(results)}${failed.length ? `; first: ${failed.slice(0, 3).map((r) => `${r.status ?? r.error} ${r.body.slice(0, 120)}`).join(' | ')}` : ''}`,
  };
}

/** The service's and the balancer's documented answers to an order that could not be taken. */
const documentedFailures = new Set([502, 503, 504]);
const balancerTypes = new Set(balancerProblems.map((problem) => problem.type));

/** At most `max` orders failed, and each failure is a documented problem (the service's or the balancer's). */
export function expectFewDocumentedFailures(writes: readonly ProbeResult[], max: number): Verdict {
  const failed = writes.filter((result) => !succeeded(result, 201));
  const undocumented = failed.filter((result) => {
    if (result.status === undefined || !documentedFailures.has(result.status)) return true;
    if (!(result.headers['content-type'] ?? '').startsWith('application/problem+json')) return true;
    try {
      const type = (JSON.parse(result.body) as { type?: string }).type ?? '';
      return !(type.startsWith('/problems/') || balancerTypes.has(type));
    } catch {
      return true;
    }
  });
  return {
    label: 'failed orders (documented problems only)',
    measured: failed.length,
    unit: 'requests',
    bound: `<= ${max}`,
    ok: writes.length > 0 && failed.length <= max && undocumented.length === 0,
    detail: `${failed.length} of ${writes.length} orders failed (at most ${max} allowed), ${undocumented.length} of them undocumented; outcomes ${outcomes(writes)}`,
  };
}

/** Every acknowledged key is stored exactly once (`stored`: ids per key, from the orders table). */
export function expectStoredOnce(writes: readonly OrderResult[], stored: ReadonlyMap<string, readonly string[]>): Verdict {
  const acknowledged = writes.filter((result) => result.status === 201).map((result) => result.idempotencyKey);
  const lost = acknowledged.filter((key) => (stored.get(key)?.length ?? 0) === 0);
  const duplicated = acknowledged.filter((key) => (stored.get(key)?.length ?? 0) > 1);
  return {
    label: 'acknowledged orders stored exactly once',
    measured: acknowledged.length - lost.length - duplicated.length,
    unit: 'orders',
    bound: `all ${acknowledged.length}`,
    ok: acknowledged.length > 0 && lost.length === 0 && duplicated.length === 0,
    detail: `${acknowledged.length} acknowledged: ${lost.length} lost, ${duplicated.length} stored more than once${lost.length ? `; lost keys ${lost.slice(0, 3).join(', ')}` : ''}`,
  };
}

/** The balancer needed no retry, redispatch, and met no connection or response error during the load. */
export function expectNoRetries(load: Pick<ReplicaLoad, 'before' | 'after'>): Verdict {
  const delta = (key: 'retries' | 'redispatches' | 'connectionErrors' | 'responseErrors') => load.after[key] - load.before[key];
  const counts = { retries: delta('retries'), redispatches: delta('redispatches'), connectionErrors: delta('connectionErrors'), responseErrors: delta('responseErrors') };
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  return {
    label: 'balancer retries, redispatches and server errors',
    measured: total,
    unit: 'events',
    bound: '0',
    ok: total === 0,
    detail: `retries ${counts.retries}, redispatches ${counts.redispatches}, connection errors ${counts.connectionErrors}, response errors ${counts.responseErrors}`,
  };
}

/** Paced orders while `during` runs, each answer logged with the server that gave it as it arrives. */
export async function ordersWhile<T>(set: ReplicaSet, spec: Omit<LoadSpec, 'reads'>, log: ResponseLog, during: () => Promise<T>): Promise<ReplicaLoad & { readonly outcome: T }> {
  const before = await set.balancer.backend(backendName);
  const running = during();
  const [writes, outcome] = await Promise.all([
    pacedCalls(
      spec.perSecond,
      async (index) => {
        const result = await placeOrder(spec.baseUrl, { apiKey: spec.apiKey, payload: sampleOrder(index), timeoutMs: requestTimeoutMs });
        log.add(result);
        return result;
      },
      { stop: running },
    ),
    running,
  ]);
  const after = await set.balancer.backend(backendName);
  return { writes, reads: [], before, after, outcome };
}

/** Every order sent from `from` on was answered by one of `servers`. */
export function expectAnsweredBy(log: ResponseLog, servers: readonly string[], from: number): Verdict {
  const after = log.entries.filter((entry) => entry.at >= from);
  const others = after.filter((entry) => entry.server === undefined || !servers.includes(entry.server));
  return {
    label: `orders answered by ${servers.join(', ')} after the switch`,
    measured: after.length - others.length,
    unit: 'requests',
    bound: `all ${after.length}`,
    ok: after.length > 0 && others.length === 0,
    detail: `${others.length} of ${after.length} orders sent after the switch were answered elsewhere${others.length ? `: ${others.slice(0, 5).map((entry) => entry.server ?? 'the balancer itself').join(', ')}` : ''}`,
  };
}
