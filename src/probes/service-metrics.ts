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
