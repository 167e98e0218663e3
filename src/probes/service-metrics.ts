import type { Verdict } from './expectations.js';
import { probe } from './http-probe.js';
import { metricValue, parsePrometheusText, type Sample } from './prometheus-text.js';

export const breakerStates = { closed: 0, open: 1, half_open: 2 } as const;
export type BreakerStateName = keyof typeof breakerStates;

export async function scrapeMetrics(baseUrl: string, path = '/metrics'): Promise<Sample[]> {
  const result = await probe(baseUrl, { path, timeoutMs: 2_000 });
  if (result.status !== 200) throw new Error(`GET ${path} answered ${result.status ?? result.error}`);
  return parsePrometheusText(result.body);
}

export function breakerStateName(samples: readonly Sample[]): BreakerStateName | 'unknown' {
  const value = metricValue(samples, 'payment_breaker_state');
  const entry = Object.entries(breakerStates).find(([, code]) => code === value);
  return entry ? (entry[0] as BreakerStateName) : 'unknown';
}

/** Counter increase between two scrapes of the same process. */
export function counterDelta(before: readonly Sample[], after: readonly Sample[], name: string, labels: Readonly<Record<string, string>> = {}): number {
  return metricValue(after, name, labels) - metricValue(before, name, labels);
}

/** How many a count must be, both ends included ("at 3": 3 to 3). */
export interface CountRange {
  readonly min: number;
  readonly max: number;
}

export const rangeText = (range: CountRange) => (range.min === range.max ? `exactly ${range.min}` : `from ${range.min} to ${range.max}`);

/** A series' value (summed over the samples with `labels`), NaN when /metrics has no such series. */
export function metricReading(samples: readonly Sample[], name: string, labels: Readonly<Record<string, string>> = {}): number {
  return samples.some((sample) => sample.name === name) ? metricValue(samples, name, labels) : Number.NaN;
}

/** A series as /metrics reads now against the range it must be in. */
export function metricInRange(name: string, labels: Readonly<Record<string, string>>, range: CountRange, samples: readonly Sample[]): Verdict {
  const measured = metricReading(samples, name, labels);
  const series = `${name}${Object.keys(labels).length === 0 ? '' : `{${Object.entries(labels).map(([key, value]) => `${key}="${value}"`).join(',')}}`}`;
  return {
    label: series,
    measured,
    unit: 'count',
    bound: rangeText(range),
    ok: measured >= range.min && measured <= range.max,
    detail: Number.isNaN(measured) ? `/metrics has no ${name}` : `${series} is ${measured}, expected ${rangeText(range)}`,
  };
}
