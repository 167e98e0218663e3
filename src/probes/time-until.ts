// "... again within 2s", "GET /health/ready answers 503 within 1s": the time until a state holds,
// recorded as a measurement. The wait fails (with the last value seen) past the bound times the
// slow-machine multiplier; a state reached in time is recorded with the time it took.
import { withinMs } from '../units/tolerance.js';
import { eventually } from '../units/eventually.js';
import type { Verdict } from './expectations.js';

export interface TimeUntilOptions {
  /** The state awaited, in words: "POST /orders to answer 201". */
  readonly expected: string;
  /** The bound the sentence states, in ms (before the slow-machine multiplier). */
  readonly boundMs: number;
  readonly intervalMs?: number;
  /** Added to the multiplied bound: a probe's own duration that the bound does not count. */
  readonly slackMs?: number;
}

export async function timeUntil<T>(label: string, probe: () => Promise<T>, accept: (value: T) => boolean, options: TimeUntilOptions): Promise<{ readonly value: T; readonly attempts: number; readonly verdict: Verdict }> {
  const { value, elapsedMs, attempts } = await eventually(probe, accept, {
    expected: options.expected,
    withinMs: withinMs(options.boundMs) + (options.slackMs ?? 0),
    intervalMs: options.intervalMs ?? 50,
  });
  return {
    value,
    attempts,
    verdict: { label, measured: Number(elapsedMs.toFixed(1)), unit: 'ms', bound: `<= ${options.boundMs} ms`, ok: true, detail: `${attempts} attempts until ${options.expected}` },
  };
}
