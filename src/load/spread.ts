// A benchmark figure is the median of repeated measurements with their spread, never one run: on a
// small machine shared by the load generator and the stack, one run measures whatever else ran then.
import { percentile } from '../units/stats.js';

export interface Spread {
  readonly median: number;
  readonly q1: number;
  readonly q3: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function spread(values: readonly number[]): Spread {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return { median: Number.NaN, q1: Number.NaN, q3: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const sorted = [...finite].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 50),
    q1: percentile(sorted, 25),
    q3: percentile(sorted, 75),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    n: sorted.length,
  };
}

/**
 * `pairs` measurements of `a` and `b` side by side, alternating which goes first (ABBA), so that a
 * drift of the machine (a compile next door, a warming cache) falls on both sides alike.
 */
export async function interleavedPairs<A, B>(pairs: number, a: (pair: number) => Promise<A>, b: (pair: number) => Promise<B>): Promise<Array<{ a: A; b: B }>> {
  const results: Array<{ a: A; b: B }> = [];
  for (let pair = 0; pair < pairs; pair += 1) {
    if (pair % 2 === 0) {
      const first = await a(pair);
      results.push({ a: first, b: await b(pair) });
    } else {
      const second = await b(pair);
      results.push({ a: await a(pair), b: second });
    }
  }
  return results;
}

/** The median of a list of latencies (0 for an empty list). */
export const median = (values: readonly number[]): number => (values.length === 0 ? 0 : percentile([...values], 50));

/** The p-th percentile of a list of latencies (0 for an empty list). */
export const pct = (values: readonly number[], p: number): number => (values.length === 0 ? 0 : percentile([...values], p));

export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
}
