// Canary checks written as k6 thresholds: "http_req_failed: rate<0.01", "http_req_duration: p(99)<500".
// http_req_failed is the share of requests that failed as k6 counts them (no answer, or a status
// outside 200-399); http_req_duration is the latency of the canary's requests (p(N), avg, med, min, max).
import { FaultlineError } from '../errors.js';
import { compare, measure, parseThreshold, type Threshold } from '../load/threshold.js';

export type CanaryMetric = 'http_req_failed' | 'http_req_duration';

export interface CanaryThreshold {
  readonly source: string;
  readonly metric: CanaryMetric;
  readonly threshold: Threshold;
}

const metrics: readonly CanaryMetric[] = ['http_req_failed', 'http_req_duration'];

export function parseCanaryThreshold(source: string): CanaryThreshold {
  const match = /^\s*([a-z_]+)\s*:\s*(.+)$/.exec(source);
  if (!match) throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}" is not a canary check; write <metric>: <threshold>, e.g. "http_req_failed: rate<0.01" or "http_req_duration: p(99)<500"`);
  const [, name, expression] = match as unknown as [string, string, string];
  const metric = metrics.find((known) => known === name);
  if (!metric) throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": unknown metric "${name}"; a canary is checked on ${metrics.join(' or ')}`);
  let threshold: Threshold;
  try {
    threshold = parseThreshold(expression);
  } catch (error) {
    throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": ${(error as Error).message.replace(/^FL_BAD_THRESHOLD: /, '').split('\n')[0]}`);
  }
  if (metric === 'http_req_failed' && threshold.metric.kind !== 'rate') throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": http_req_failed is a rate; write e.g. "http_req_failed: rate<0.01"`);
  if (metric === 'http_req_duration' && threshold.metric.kind === 'rate') throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": http_req_duration is a latency; write e.g. "http_req_duration: p(99)<500"`);
  return { source, metric, threshold };
}

export interface CanarySample {
  readonly status?: number;
  readonly durationMs: number;
}

export interface ThresholdResult {
  readonly source: string;
  readonly measured: number;
  readonly ok: boolean;
}

/** A step passes when the canary answered at least `minimum` requests and every threshold holds. */
export function judgeCanaryStep(samples: readonly CanarySample[], thresholds: readonly CanaryThreshold[], minimum = 1): { ok: boolean; results: ThresholdResult[]; samples: number } {
  const failed = samples.filter((sample) => sample.status === undefined || sample.status < 200 || sample.status > 399).length;
  const sample = { latenciesMs: samples.map((s) => s.durationMs), failed, total: samples.length };
  const results = thresholds.map(({ source, threshold }) => {
    const measured = measure(threshold.metric, sample);
    return { source, measured, ok: !Number.isNaN(measured) && compare(measured, threshold.comparator, threshold.value) };
  });
  return { ok: samples.length >= minimum && results.every((result) => result.ok), results, samples: samples.length };
}

/**
 * Weights that give the canary `percent` of the traffic next to `stable` servers of equal weight,
 * on HAProxy's 0-256 scale (the total is kept near 200 so that small shares stay exact).
 */
export function canaryWeights(percent: number, stable: number): { canary: number; each: number } {
  if (!(percent >= 0 && percent <= 100)) throw new FaultlineError('FL_BAD_INPUT', `a canary share is from 0% to 100%, got ${percent}%`);
  if (!Number.isInteger(stable) || stable < 1) throw new FaultlineError('FL_BAD_INPUT', `a canary needs at least one stable server, got ${stable}`);
  return { canary: Math.round(2 * percent), each: Math.round((2 * (100 - percent)) / stable) };
}

/** "10%, 25%, 50% and 100%" as [10, 25, 50, 100]: rising, ending at 100. */
export function parseCanarySteps(text: string): number[] {
  const parts = text.split(/\s*(?:,|\band\b)\s*/).filter(Boolean);
  const steps = parts.map((part) => {
    const match = /^(\d+(?:\.\d+)?)%$/.exec(part);
    if (!match) throw new FaultlineError('FL_BAD_INPUT', `"${text}": each canary step is a percentage such as 10%, got "${part}"`);
    return Number(match[1]);
  });
  if (steps.length === 0 || steps.some((step, index) => step <= 0 || step > 100 || (index > 0 && step <= steps[index - 1]!)) || steps.at(-1) !== 100) {
    throw new FaultlineError('FL_BAD_INPUT', `"${text}": canary steps rise from above 0% and end at 100%, e.g. "10%, 25%, 50% and 100%"`);
  }
  return steps;
}
