// Retry gaps measured from the gateway's journal, against the full-jitter envelope
// [0, min(cap, base * 2^n)] of DESIGN.md §3, with the tolerances of §5.
import type { JournalEntry } from '../faults/gateway-control.js';
import { checkBound } from '../units/tolerance.js';

export interface RetryGap {
  /** Retry number: 0 is the gap before the first retry. */
  readonly retry: number;
  readonly gapMs: number;
  readonly envelopeMinMs: number;
  readonly envelopeMaxMs: number;
  readonly ok: boolean;
}

export function fullJitterCeiling(baseMs: number, capMs: number, retry: number): number {
  return Math.min(capMs, baseMs * 2 ** retry);
}

/**
 * The requests on one route (default the charges of the reference stack) grouped by idempotency key,
 * in arrival order; requests without a key form one group, "(none)": for a caller that sends no key,
 * every request on the route is an attempt of the same call.
 */
export function attemptsByKey(entries: readonly JournalEntry[], route = 'POST /charges'): Map<string, JournalEntry[]> {
  const byKey = new Map<string, JournalEntry[]>();
  for (const entry of entries) {
    if ((entry.route ?? `${entry.method} ${entry.path}`) !== route) continue;
    const key = entry.idempotencyKey ?? '(none)';
    byKey.set(key, [...(byKey.get(key) ?? []), entry]);
  }
  for (const list of byKey.values()) list.sort((a, b) => a.arrivedAt - b.arrivedAt);
  return byKey;
}

/**
 * Gap between successive attempts of one order. The gap contains the previous attempt's own
 * duration (`attemptMs`, known from the script: an immediate error answers in about a millisecond),
 * which is added to the envelope: [attemptMs, attemptMs + ceiling].
 */
export function retryGaps(attempts: readonly JournalEntry[], baseMs: number, capMs: number, attemptMs = 0): RetryGap[] {
  const gaps: RetryGap[] = [];
  for (let index = 1; index < attempts.length; index += 1) {
    const gapMs = attempts[index]!.arrivedAt - attempts[index - 1]!.arrivedAt;
    const retry = index - 1;
    const envelopeMinMs = attemptMs;
    const envelopeMaxMs = attemptMs + fullJitterCeiling(baseMs, capMs, retry);
    const ok = checkBound(gapMs, { label: `gap before retry ${retry}`, minMs: envelopeMinMs, maxMs: envelopeMaxMs }).ok;
    gaps.push({ retry, gapMs, envelopeMinMs, envelopeMaxMs, ok });
  }
  return gaps;
}

export interface Spread {
  readonly count: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly stdDevMs: number;
  /** Distinct values at 1 ms resolution. */
  readonly distinct: number;
}

export function spread(values: readonly number[]): Spread {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return {
    count: values.length,
    minMs: Math.min(...values),
    maxMs: Math.max(...values),
    stdDevMs: Math.sqrt(variance),
    distinct: new Set(values.map((value) => Math.round(value))).size,
  };
}
