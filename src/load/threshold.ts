// Threshold expressions in k6's syntax: "p(95)<200", "p(99) < 300ms", "rate<0.01", "rate < 1%",
// "avg<=150", "max<1s". Latency values are milliseconds unless a unit is given; rate is the
// fraction of failed requests (errors, timeouts and 5xx).
import { FaultlineError } from '../errors.js';
import { percentile } from '../units/stats.js';

export type ThresholdMetric = { readonly kind: 'percentile'; readonly p: number } | { readonly kind: 'avg' | 'med' | 'min' | 'max' | 'rate' };
export type Comparator = '<' | '<=' | '>' | '>=' | '==';

export interface Threshold {
  readonly source: string;
  readonly metric: ThresholdMetric;
  readonly comparator: Comparator;
  /** Milliseconds for latency metrics, a fraction for rate. */
  readonly value: number;
}

const pattern = /^\s*(p\(\s*(\d+(?:\.\d+)?)\s*\)|avg|med|min|max|rate)\s*(<=|>=|==|<|>)\s*(\d+(?:\.\d+)?)\s*(ms|s|%)?\s*$/;

export function parseThreshold(source: string): Threshold {
  const match = pattern.exec(source);
  if (!match) {
    throw new FaultlineError(
      'FL_BAD_THRESHOLD',
      `"${source}" is not a threshold; write <metric> <op> <value>, metric one of p(N), avg, med, min, max, rate; op one of <, <=, >, >=, ==`,
    );
  }
  const [, metricText, pText, comparator, valueText, unit] = match as unknown as [string, string, string | undefined, Comparator, string, string | undefined];
  const metric: ThresholdMetric = pText !== undefined ? { kind: 'percentile', p: Number(pText) } : { kind: metricText as 'avg' };
  if (metric.kind === 'percentile' && (metric.p <= 0 || metric.p > 100)) {
    throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": the percentile must be in (0, 100], got ${metric.p}`);
  }
  let value = Number(valueText);
  if (metric.kind === 'rate') {
    if (unit === 'ms' || unit === 's') throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": rate is a fraction (0.01) or a percentage (1%), not a time`);
    if (unit === '%') value /= 100;
    if (value > 1) throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": rate must be at most 1 (100%), got ${value}`);
  } else {
    if (unit === '%') throw new FaultlineError('FL_BAD_THRESHOLD', `"${source}": ${metricText} is a latency; give it in ms or s`);
    if (unit === 's') value *= 1000;
  }
  return { source, metric, comparator, value };
}

export interface LatencySample {
  readonly latenciesMs: readonly number[];
  readonly failed: number;
  readonly total: number;
}

export function measure(metric: ThresholdMetric, sample: LatencySample): number {
  const values = sample.latenciesMs;
  if (metric.kind === 'rate') return sample.total === 0 ? 0 : sample.failed / sample.total;
  if (values.length === 0) return Number.NaN;
  switch (metric.kind) {
    case 'percentile':
      return percentile(values, metric.p);
    case 'avg':
      return values.reduce((sum, value) => sum + value, 0) / values.length;
    case 'med':
      return percentile(values, 50);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
  }
}

export function compare(measured: number, comparator: Comparator, value: number): boolean {
  switch (comparator) {
    case '<':
      return measured < value;
    case '<=':
      return measured <= value;
    case '>':
      return measured > value;
    case '>=':
      return measured >= value;
    case '==':
      return measured === value;
  }
}
