import type { Verdict } from './expectations.js';
import type { ProbeResult } from './http-probe.js';
import { timeVerdict } from './expectations.js';
import { percentile } from '../units/stats.js';
import { checkBound } from '../units/tolerance.js';

/**
 * Every answer is one of the documented statuses, every error answer is problem+json, and none came
 * later than the bound (with the upper tolerance): what a caller may rely on under any fault.
 */
export function expectDocumentedOutcomes(results: readonly ProbeResult[], statuses: readonly number[], maxMs: number): Verdict {
  const problems: string[] = [];
  for (const result of results) {
    const where = `${result.method} ${result.path} -> ${result.status ?? result.error} in ${result.durationMs.toFixed(1)} ms`;
    if (result.status === undefined || !statuses.includes(result.status)) problems.push(`undocumented outcome: ${where}`);
    else if (result.status >= 400 && !(result.headers['content-type'] ?? '').startsWith('application/problem+json')) problems.push(`error without problem+json: ${where}`);
    else if (!checkBound(result.durationMs, { label: 'answer time', maxMs }).ok) problems.push(`too late: ${where}`);
  }
  const counts = new Map<string, number>();
  for (const result of results) counts.set(String(result.status ?? result.error), (counts.get(String(result.status ?? result.error)) ?? 0) + 1);
  const slowest = results.length === 0 ? Number.NaN : Math.max(...results.map((result) => result.durationMs));
  return {
    label: `answers in ${statuses.join(', ')} (problem+json for errors) within ${maxMs} ms`,
    measured: results.length - problems.length,
    unit: 'requests',
    bound: `all ${results.length}`,
    ok: results.length > 0 && problems.length === 0,
    detail: `${problems.length} of ${results.length} broke the contract${problems.length ? `: ${problems.slice(0, 5).join('; ')}` : ''}; outcomes ${[...counts].map(([k, v]) => `${k}×${v}`).join(', ')}; slowest ${slowest.toFixed(1)} ms`,
  };
}

/** The latency a fault added at a percentile, against an upper bound only (a slowdown measured, not a fixed delay). */
export function expectAddedLatencyAtMost(baseline: readonly ProbeResult[], current: readonly ProbeResult[], p: number, maxMs: number): Verdict {
  const base = percentile(baseline.map((result) => result.durationMs), p);
  const now = percentile(current.map((result) => result.durationMs), p);
  return timeVerdict(`added p(${p}) latency`, now - base, { maxMs }, `baseline p(${p}) ${base.toFixed(1)} ms, under the fault ${now.toFixed(1)} ms`);
}
