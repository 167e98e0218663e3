// The writers' history as the report charts it: writes counted by outcome per time bucket, with
// the scenario's marks (fault, promotion, healing). Empty buckets are kept: the gap where nothing
// was acknowledged is what a failover looks like.
import type { DisasterRecoveryEvidence } from '../report/evidence.js';
import type { HistoryEntry } from './history.js';

export type WriteTimeline = NonNullable<DisasterRecoveryEvidence['timeline']>;
export interface TimelineMark { readonly at: number; readonly label: string }

/** The smallest 1-2-2.5-5 × 10^n step of at least `ms`, so that bucket edges fall on round offsets. */
function roundStep(ms: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(ms));
  return [1, 2, 2.5, 5, 10].map((factor) => factor * magnitude).find((step) => step >= ms) ?? 10 * magnitude;
}

/** Buckets by completion time, `maxBuckets` at most and `minBucketMs` wide at least, spanning the history and the marks. */
export function writeTimeline(history: readonly HistoryEntry[], marks: readonly TimelineMark[], { maxBuckets = 120, minBucketMs = 100 } = {}): WriteTimeline {
  const times = [...history.map((entry) => entry.completeAt), ...marks.map((mark) => mark.at)];
  const sortedMarks = [...marks].sort((a, b) => a.at - b.at).map(({ at, label }) => ({ at, label }));
  if (times.length === 0) return { startAt: 0, bucketMs: minBucketMs, buckets: [], marks: [] };
  const startAt = Math.min(...times);
  const span = Math.max(...times) - startAt;
  const bucketMs = roundStep(Math.max(minBucketMs, span / Math.max(1, maxBuckets - 1)));
  const buckets = Array.from({ length: Math.floor(span / bucketMs) + 1 }, () => ({ ok: 0, failed: 0, unknown: 0 }));
  for (const entry of history) {
    const bucket = buckets[Math.floor((entry.completeAt - startAt) / bucketMs)];
    if (bucket) bucket[entry.outcome === 'fail' ? 'failed' : entry.outcome]++;
  }
  return { startAt, bucketMs, buckets, marks: sortedMarks };
}
