// Open-loop load at a fixed rate, paced here rather than by autocannon: autocannon spreads a rate
// over its connections, which then fire on the same tick, so 50 req/s over 20 connections arrives
// as bursts of 20 and measures queueing the service would never see from independent clients.
// Each request is sent at its scheduled instant (i / rate) whether or not earlier ones returned,
// and its latency is counted from that instant, so a stalled generator cannot hide latency
// (coordinated omission). A timeout counts as latency at the timeout value.
import { setTimeout as sleep } from 'node:timers/promises';
import { probe, type ProbeRequest } from '../probes/http-probe.js';
import { summariseSamples, type LoadResult, type LoadSample } from './load-runner.js';

export interface PacedLoadSpec {
  readonly baseUrl: string;
  readonly request: () => ProbeRequest;
  readonly ratePerS: number;
  readonly durationS: number;
  readonly timeoutS?: number;
}

export async function runPacedLoad(spec: PacedLoadSpec): Promise<LoadResult> {
  const timeoutMs = (spec.timeoutS ?? 5) * 1000;
  const total = Math.round(spec.ratePerS * spec.durationS);
  const intervalMs = 1000 / spec.ratePerS;
  const startedAt = Date.now();
  const t0 = performance.now();
  const inFlight: Array<Promise<LoadSample>> = [];
  for (let index = 0; index < total; index += 1) {
    const scheduled = t0 + index * intervalMs;
    const wait = scheduled - performance.now();
    if (wait > 0) await sleep(wait);
    const request = spec.request();
    inFlight.push(
      probe(spec.baseUrl, { ...request, timeoutMs }).then((result) => {
        const ms = result.error === 'TIMEOUT' ? timeoutMs : performance.now() - scheduled;
        return {
          at: startedAt + (scheduled - t0),
          ms,
          ...(result.status === undefined ? {} : { status: result.status }),
          ...(result.error === undefined ? {} : { error: result.error === 'TIMEOUT' ? ('timeout' as const) : ('error' as const) }),
        };
      }),
    );
  }
  const samples = await Promise.all(inFlight);
  return summariseSamples(samples, startedAt, Date.now());
}
