// What the cache steps record and check: the order service's cache counters over a batch of reads
// (hits, misses, reads served around the cache) and the verdicts built on them.
import { expectAtLeast, expectExactCount, type Verdict } from '../probes/expectations.js';
import type { ProbeResult } from '../probes/http-probe.js';
import type { Sample } from '../probes/prometheus-text.js';
import { counterDelta } from '../probes/service-metrics.js';
import { percentile } from '../units/stats.js';

export interface CacheCounters {
  readonly hits: number;
  readonly misses: number;
  /** Reads answered from the database because the cache failed (cache_fallbacks_total{operation="read"}). */
  readonly fallbacks: number;
}

export function cacheCountersBetween(before: readonly Sample[], after: readonly Sample[]): CacheCounters {
  return {
    hits: counterDelta(before, after, 'cache_hits_total'),
    misses: counterDelta(before, after, 'cache_misses_total'),
    fallbacks: counterDelta(before, after, 'cache_fallbacks_total', { operation: 'read' }),
  };
}

/** Recorded for every batch of reads, never failed: how fast, and where the answers came from. */
export function readFigures(reads: readonly ProbeResult[], counters: CacheCounters): Verdict {
  const durations = reads.map((read) => read.durationMs);
  return {
    label: 'read latency p(50)',
    measured: Number(percentile(durations, 50).toFixed(1)),
    unit: 'ms',
    bound: 'recorded',
    ok: true,
    detail: `${reads.length} reads: p(50) ${percentile(durations, 50).toFixed(1)} ms, p(99) ${percentile(durations, 99).toFixed(1)} ms; cache hits ${counters.hits}, misses ${counters.misses}, fallbacks ${counters.fallbacks}`,
  };
}

export function cacheHitShareVerdict(counters: CacheCounters, reads: number, share: number): Verdict {
  return expectAtLeast('share of reads answered from the cache (%)', Math.round((counters.hits / reads) * 1000) / 10, share * 100, `${counters.hits} hits of ${reads} reads (misses ${counters.misses}, fallbacks ${counters.fallbacks})`);
}

export function cacheFallbacksVerdict(counters: CacheCounters, expected: number): Verdict {
  return expectExactCount('reads served around the cache', counters.fallbacks, expected, 'cache_fallbacks_total{operation="read"} over the reads');
}

export function cacheMissesVerdict(counters: CacheCounters, expected: number): Verdict {
  return expectExactCount('reads the cache did not hold', counters.misses, expected, 'cache_misses_total over the reads');
}

/** Each read of an order showed `version` (a stale cache shows an older one). */
export function versionsReadVerdict(reads: readonly ProbeResult[], version: number, forMs: number): { readonly verdict: Verdict; readonly versions: ReadonlyArray<number | string> } {
  const seen = reads.map((result) => (result.status === 200 ? (JSON.parse(result.body) as { version: number }).version : `status ${result.status ?? result.error}`));
  const wrong = seen.filter((value) => value !== version);
  const versions = [...new Set(seen)];
  return { versions, verdict: expectExactCount(`reads that did not show version ${version}`, wrong.length, 0, `${seen.length} reads over ${forMs} ms; seen ${versions.join(', ')}`) };
}

/** Compensations (releases and refunds) the saga failed to make, since `before`. */
export function failedCompensations(before: readonly Sample[], now: readonly Sample[]): number {
  return counterDelta(before, now, 'saga_compensation_failures_total', { step: 'release' }) + counterDelta(before, now, 'saga_compensation_failures_total', { step: 'refund' });
}
