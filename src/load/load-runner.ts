// autocannon, measured correctly (issue notes in one place):
// - with a rate, autocannon "corrects" coordinated omission by back-filling latencies at the
//   expected interval; with paced open-loop load that invents samples, so it is turned off;
// - its histogram keeps 2xx only and leaves timed-out requests out; here every response is
//   recorded as it arrives, whatever its status, and a timeout counts as latency at the timeout;
// - the latency-over-time series (per second) is kept for the report.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { percentile } from '../units/stats.js';

export interface LoadSpec {
  readonly baseUrl: string;
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** A fresh Idempotency-Key on every request (POST /orders). */
  readonly uniqueIdempotencyKeys?: boolean;
  readonly connections: number;
  readonly durationS: number;
  /** Requests per second over all connections (open loop); unset = as fast as the connections go. */
  readonly ratePerS?: number;
  readonly timeoutS?: number;
}

export interface LatencySecond {
  readonly second: number;
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface LoadResult {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly requests: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Connection errors other than timeouts. */
  readonly errors: number;
  readonly timeouts: number;
  readonly throughputRps: number;
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly series: readonly LatencySecond[];
  /** Every latency in ms, timeouts at the timeout value. */
  readonly latenciesMs: readonly number[];
}

export interface LoadSample {
  readonly at: number;
  readonly ms: number;
  readonly status?: number;
  readonly error?: 'timeout' | 'error';
}

export function summariseSamples(samples: readonly LoadSample[], startedAt: number, endedAt: number): LoadResult {
  const byStatus: Record<string, number> = {};
  for (const sample of samples) if (sample.status !== undefined) byStatus[sample.status] = (byStatus[sample.status] ?? 0) + 1;
  const latencies = samples.map((sample) => sample.ms);
  const seconds = new Map<number, LoadSample[]>();
  for (const sample of samples) {
    const second = Math.floor((sample.at - startedAt) / 1000);
    const bucket = seconds.get(second);
    if (bucket) bucket.push(sample);
    else seconds.set(second, [sample]);
  }
  const pct = (values: number[], p: number) => (values.length === 0 ? 0 : Number(percentile(values, p).toFixed(2)));
  return {
    startedAt,
    endedAt,
    requests: samples.length,
    byStatus,
    errors: samples.filter((sample) => sample.error === 'error').length,
    timeouts: samples.filter((sample) => sample.error === 'timeout').length,
    throughputRps: Number((samples.length / ((endedAt - startedAt) / 1000)).toFixed(1)),
    latency: { p50: pct(latencies, 50), p90: pct(latencies, 90), p99: pct(latencies, 99), max: latencies.reduce((max, ms) => Math.max(max, ms), 0) },
    series: [...seconds.entries()]
      .sort(([a], [b]) => a - b)
      .map(([second, list]) => ({
        second,
        requests: list.length,
        errors: list.filter((sample) => sample.error !== undefined || (sample.status ?? 0) >= 500).length,
        p50Ms: pct(list.map((sample) => sample.ms), 50),
        p99Ms: pct(list.map((sample) => sample.ms), 99),
      })),
    latenciesMs: latencies,
  };
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const timeoutS = spec.timeoutS ?? 10;
  const samples: LoadSample[] = [];
  const startedAt = Date.now();
  let finish: (error?: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = (error) => (error ? reject(error) : resolve());
  });
  // The callback form returns the event emitter (the promise form does not).
  const instance = autocannon({
    url: new URL(spec.path, spec.baseUrl).toString(),
    method: spec.method ?? 'GET',
    headers: { ...spec.headers },
    ...(spec.body === undefined ? {} : { body: spec.body }),
    connections: spec.connections,
    duration: spec.durationS,
    timeout: timeoutS,
    // autocannon refuses the flag without a rate (closed-loop load has nothing to correct).
    ...(spec.ratePerS === undefined ? {} : { overallRate: spec.ratePerS, ignoreCoordinatedOmission: true }),
    ...(spec.uniqueIdempotencyKeys
      ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }) }] }
      : {}),
  }, (error: Error | null) => finish(error ?? undefined));
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    samples.push({ at: Date.now(), ms: responseTime, status: statusCode });
  });
  instance.on('reqError', (error: Error) => {
    const timedOut = /timed out/i.test(error.message);
    samples.push({ at: Date.now(), ms: timedOut ? timeoutS * 1000 : 0, error: timedOut ? 'timeout' : 'error' });
  });
  await finished;
  return summariseSamples(samples, startedAt, Date.now());
}
