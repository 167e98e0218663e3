// Checks behind the Then steps. Each returns a measurement (recorded as evidence whether it
// passed or not) instead of throwing, so the measured value is never lost on failure.
import type { MeasurementEvidence } from '../report/evidence.js';
import type { ConnectionCloseResult } from './connection-close-probe.js';
import type { ProbeResult } from './http-probe.js';
import { percentile } from '../units/stats.js';
import { spread, type RetryGap } from './backoff-envelope.js';
import { checkBound, upperSlackMs } from '../units/tolerance.js';

export interface Verdict extends MeasurementEvidence {
  /** Why it failed, with the values a person needs. */
  readonly detail: string;
}

function describeResult(result: ProbeResult): string {
  return `${result.method} ${result.path} -> ${result.status ?? result.error} in ${result.durationMs.toFixed(1)} ms`;
}

export function timeVerdict(label: string, measuredMs: number, bound: { minMs?: number; maxMs?: number }, context = ''): Verdict {
  const check = checkBound(measuredMs, { label, ...bound });
  return {
    label,
    measured: Number(measuredMs.toFixed(2)),
    unit: 'ms',
    bound: `${bound.minMs ?? '-inf'}..${bound.maxMs ?? '+inf'} ms (accepted ${check.acceptedMinMs?.toFixed(1) ?? '-inf'}..${check.acceptedMaxMs?.toFixed(1) ?? '+inf'})`,
    ok: check.ok,
    detail: `${check.message}${context ? `; ${context}` : ''}`,
  };
}

export function expectAllStatus(results: readonly ProbeResult[], statuses: readonly number[], label: string): Verdict {
  const bad = results.filter((result) => !statuses.includes(result.status ?? -1));
  return {
    label,
    measured: results.length - bad.length,
    unit: 'requests',
    bound: `all ${results.length} with status ${statuses.join(' or ')}`,
    ok: results.length > 0 && bad.length === 0,
    detail:
      results.length === 0
        ? 'no requests were made'
        : `${bad.length} of ${results.length} had another outcome: ${bad.slice(0, 5).map(describeResult).join('; ')}${bad.length > 5 ? '; …' : ''}`,
  };
}

/** The added latency at a percentile between two samples, against an expected value within the tolerances. */
export function expectAddedLatency(baseline: readonly ProbeResult[], current: readonly ProbeResult[], p: number, expectedMs: number): Verdict {
  const base = percentile(baseline.map((result) => result.durationMs), p);
  const now = percentile(current.map((result) => result.durationMs), p);
  return timeVerdict(`added p(${p}) latency`, now - base, { minMs: expectedMs, maxMs: expectedMs }, `baseline p(${p}) ${base.toFixed(1)} ms, with the fault ${now.toFixed(1)} ms`);
}

/** Every duration inside the bound: the fastest checked against the lower bound, the slowest against the upper. */
export function expectEachWithin(results: readonly ProbeResult[], bound: { minMs?: number; maxMs?: number }, label: string): Verdict {
  const durations = results.map((result) => result.durationMs);
  const context = `${results.length} requests, durations ${durations.map((d) => d.toFixed(1)).join(', ')} ms`;
  if (durations.length === 0) return timeVerdict(label, Number.NaN, bound, 'no requests');
  // Both are judged against the whole bound, so that a failure prints the range the sentence stated.
  const fastest = timeVerdict(label, Math.min(...durations), bound, context);
  const slowest = timeVerdict(label, Math.max(...durations), bound, context);
  const fastestTooFast = bound.minMs !== undefined && !fastest.ok && fastest.measured < bound.minMs;
  if (fastestTooFast || (bound.minMs !== undefined && bound.maxMs === undefined)) return fastest;
  return slowest;
}

export function expectThroughputAtMost(result: ProbeResult, kilobytesPerSecond: number): Verdict {
  // Toxiproxy's bandwidth toxic sleeps len/rate per chunk, so the transfer can't beat bytes/rate.
  const minimumMs = (result.bytes / (kilobytesPerSecond * 1024)) * 1000;
  return timeVerdict(`transfer time of ${result.bytes} bytes at ${kilobytesPerSecond} KB/s`, result.durationMs, { minMs: minimumMs }, describeResult(result));
}

export function expectChunksAtLeast(result: ProbeResult, minimum: number): Verdict {
  return {
    label: 'body chunks received',
    measured: result.chunks,
    unit: 'chunks',
    bound: `>= ${minimum}`,
    ok: result.status === 200 && result.chunks >= minimum,
    detail: `${describeResult(result)}, ${result.bytes} bytes in ${result.chunks} chunks`,
  };
}

export function expectCutShort(result: ProbeResult): Verdict {
  const declared = Number(result.headers['content-length'] ?? Number.NaN);
  const cut = result.error !== undefined || result.status === undefined || (Number.isFinite(declared) && result.bytes < declared);
  return {
    label: 'response cut short',
    measured: result.bytes,
    unit: 'bytes',
    bound: Number.isFinite(declared) ? `< ${declared} (declared) or a connection error` : 'a connection error',
    ok: cut,
    detail: `${describeResult(result)}, ${result.bytes} bytes received${result.error ? `, error ${result.error}` : ''}`,
  };
}

export function expectCloseDelayAtLeast(result: ConnectionCloseResult | undefined, minMs: number): Verdict {
  if (!result) return { label: 'connection close after the response', measured: Number.NaN, unit: 'ms', bound: `>= ${minMs} ms`, ok: false, detail: 'no Connection: close request was made in this scenario' };
  return timeVerdict('connection close after the response', result.closeAfterMs, { minMs }, `${result.statusLine}, ${result.bytes} bytes`);
}

export function expectOutcomeCounts(
  results: readonly ProbeResult[],
  expected: { readonly succeeded: number; readonly failedStatus: number; readonly failed: number },
): Verdict {
  const succeeded = results.filter((result) => result.status !== undefined && result.status < 300).length;
  const failed = results.filter((result) => result.status === expected.failedStatus).length;
  const ok = succeeded === expected.succeeded && failed === expected.failed && results.length === expected.succeeded + expected.failed;
  return {
    label: `succeeded / failed with ${expected.failedStatus}`,
    measured: succeeded,
    unit: 'requests',
    bound: `exactly ${expected.succeeded} succeeded and ${expected.failed} failed with ${expected.failedStatus}`,
    ok,
    detail: `${succeeded} succeeded, ${failed} failed with ${expected.failedStatus}, of ${results.length}: ${results.map(describeResult).join('; ')}`,
  };
}

export function expectRetryAfterAtMost(results: readonly ProbeResult[], maxSeconds: number): Verdict {
  const values = results.map((result) => Number(result.headers['retry-after']));
  const ok = values.length > 0 && values.every((value) => Number.isInteger(value) && value >= 1 && value <= maxSeconds);
  return {
    label: 'Retry-After',
    measured: Math.max(...values),
    unit: 's',
    bound: `1..${maxSeconds} s on every answer`,
    ok,
    detail: `Retry-After values: ${results.map((result) => result.headers['retry-after'] ?? '(none)').join(', ')}`,
  };
}

export function expectExactCount(label: string, measured: number, expected: number, detail: string): Verdict {
  return { label, measured, unit: 'count', bound: `exactly ${expected}`, ok: measured === expected, detail: `${label}: expected exactly ${expected}, got ${measured}; ${detail}` };
}

export function expectAtMost(label: string, measured: number, max: number, detail: string): Verdict {
  return { label, measured, unit: 'count', bound: `<= ${max}`, ok: measured <= max, detail: `${label}: expected at most ${max}, got ${measured}; ${detail}` };
}

export function expectAtLeast(label: string, measured: number, min: number, detail: string): Verdict {
  return { label, measured, unit: 'count', bound: `>= ${min}`, ok: measured >= min, detail: `${label}: expected at least ${min}, got ${measured}; ${detail}` };
}

export function expectGapsAtLeast(gapsMs: readonly number[], minMs: number, label: string): Verdict {
  return timeVerdict(label, gapsMs.length === 0 ? Number.NaN : Math.min(...gapsMs), { minMs }, `gaps ${gapsMs.map((gap) => gap.toFixed(1)).join(', ')} ms`);
}

/** Each gap at its expected value (the DESIGN §5 tolerances apply): waits without jitter, which nothing random may replace. */
export function expectGapsExactly(gapsMs: readonly number[], expectedMs: readonly number[], label: string): Verdict {
  const checks = expectedMs.map((expected, index) => (gapsMs[index] === undefined ? undefined : checkBound(gapsMs[index]!, { label: `${label} ${index + 1}`, minMs: expected, maxMs: expected })));
  const failed = checks.findIndex((check) => check === undefined || !check.ok);
  const shown = failed < 0 ? gapsMs.length - 1 : failed;
  return {
    label,
    measured: gapsMs[shown] === undefined ? Number.NaN : Number(gapsMs[shown]!.toFixed(1)),
    unit: 'ms',
    bound: expectedMs.map((expected) => `${expected} ms`).join(', '),
    ok: gapsMs.length === expectedMs.length && failed < 0,
    detail: `${gapsMs.length} gaps (${gapsMs.map((gap) => `${gap.toFixed(1)} ms`).join(', ') || 'none'}), expected ${expectedMs.length}: ${expectedMs.map((expected) => `${expected} ms`).join(', ')}${failed < 0 ? '' : `; ${checks[failed]?.message ?? `gap ${failed + 1} missing`}`}`,
  };
}

export function expectGapsInEnvelope(gaps: readonly RetryGap[]): Verdict {
  const worst = gaps.find((gap) => !gap.ok) ?? gaps.at(-1);
  return {
    label: 'retry gaps inside the full-jitter envelope',
    measured: worst ? Number(worst.gapMs.toFixed(1)) : Number.NaN,
    unit: 'ms',
    bound: gaps.map((gap) => `retry ${gap.retry}: ${gap.envelopeMinMs}..${gap.envelopeMaxMs} ms`).join('; '),
    ok: gaps.length > 0 && gaps.every((gap) => gap.ok),
    detail: `gaps ${gaps.map((gap) => `retry ${gap.retry}: ${gap.gapMs.toFixed(1)} ms in [${gap.envelopeMinMs}, ${gap.envelopeMaxMs}] (+ tolerance) ${gap.ok ? 'ok' : 'OUTSIDE'}`).join('; ') || 'none (fewer than 2 attempts)'}`,
  };
}

/**
 * Delays drawn uniformly from [0, ceiling] have a standard deviation of ceiling/sqrt(12) (~0.29
 * ceiling). Constant delays (no jitter) or no delays (no backoff) have ~0. Requiring a third of the
 * uniform value and values across at least half of the range tells them apart with 30 samples.
 */
export function expectSpreadAcross(delaysMs: readonly number[], ceilingMs: number): Verdict {
  const s = spread(delaysMs);
  const minimumStdDev = ceilingMs / Math.sqrt(12) / 3;
  const ok = s.count >= 10 && s.stdDevMs >= minimumStdDev && s.maxMs - s.minMs >= ceilingMs / 2 && s.maxMs <= ceilingMs + upperSlackMs(ceilingMs);
  return {
    label: 'spread of first-retry delays',
    measured: Number(s.stdDevMs.toFixed(2)),
    unit: 'ms (std dev)',
    bound: `std dev >= ${minimumStdDev.toFixed(1)} ms, range >= ${ceilingMs / 2} ms, max <= ${ceilingMs} ms (+ tolerance)`,
    ok,
    detail: `${s.count} delays: min ${s.minMs.toFixed(1)}, max ${s.maxMs.toFixed(1)}, std dev ${s.stdDevMs.toFixed(1)} ms, ${s.distinct} distinct values`,
  };
}

export function expectHeaderSequence(results: readonly ProbeResult[], header: string, pattern: RegExp, expected: readonly string[]): Verdict {
  const seen = results.map((result) => pattern.exec(result.headers[header] ?? '')?.[1] ?? '(none)');
  return {
    label: `${header} sequence`,
    measured: seen.length,
    unit: 'values',
    bound: expected.join(', '),
    ok: seen.join(',') === expected.join(','),
    detail: `${header}: expected ${expected.join(', ')}, saw ${seen.join(', ')} (raw: ${results.map((r) => r.headers[header] ?? '(none)').join(' | ')})`,
  };
}

export function expectLimited(results: readonly ProbeResult[], policy: string, retryAfterSeconds: number): Verdict {
  const problems = results.flatMap((result) => {
    const issues: string[] = [];
    const retryAfter = Number(result.headers['retry-after']);
    if (retryAfter !== retryAfterSeconds) issues.push(`Retry-After ${result.headers['retry-after'] ?? '(none)'}`);
    if (result.headers['ratelimit-policy'] !== policy) issues.push(`RateLimit-Policy ${result.headers['ratelimit-policy'] ?? '(none)'}`);
    // The time to the next token, in the RateLimit header and in Retry-After alike.
    const untilToken = /^"[^"]+";r=0;t=(\d+)$/.exec(result.headers['ratelimit'] ?? '')?.[1];
    if (untilToken === undefined || Number(untilToken) !== retryAfter) issues.push(`RateLimit ${result.headers['ratelimit'] ?? '(none)'} with Retry-After ${result.headers['retry-after'] ?? '(none)'}`);
    if (!result.headers['content-type']?.startsWith('application/problem+json')) issues.push(`content-type ${result.headers['content-type']}`);
    return issues;
  });
  return {
    label: '429 answers carry Retry-After and the RateLimit headers',
    measured: results.length,
    unit: 'answers',
    bound: `Retry-After ${retryAfterSeconds} s, RateLimit-Policy ${policy}, RateLimit r=0 and t = Retry-After`,
    ok: results.length > 0 && problems.length === 0,
    detail: results.length === 0 ? 'no 429 answers' : `problems: ${problems.join('; ') || 'none'}`,
  };
}

/** A latency percentile of a sample against a bound ("the p(99) request latency is at most 300ms"). */
export function expectPercentileWithin(results: readonly ProbeResult[], p: number, bound: { minMs?: number; maxMs?: number }): Verdict {
  const durations = results.map((result) => result.durationMs);
  if (durations.length === 0) return timeVerdict(`p(${p}) request latency`, Number.NaN, bound, 'no requests');
  return timeVerdict(`p(${p}) request latency`, percentile(durations, p), bound, `${results.length} requests, fastest ${Math.min(...durations).toFixed(1)} ms, slowest ${Math.max(...durations).toFixed(1)} ms`);
}
