import { setTimeout as sleep } from 'node:timers/promises';

export interface EventuallyOptions {
  /** What is awaited, in words, for the failure message. */
  readonly expected: string;
  readonly withinMs: number;
  readonly intervalMs?: number;
}

export interface EventuallyResult<T> {
  readonly value: T;
  readonly elapsedMs: number;
  readonly attempts: number;
}

export class EventuallyTimeoutError extends Error {
  constructor(
    readonly expected: string,
    readonly lastSeen: string,
    readonly elapsedMs: number,
    readonly attempts: number,
  ) {
    super(`expected ${expected} within ${Math.round(elapsedMs)} ms; after ${attempts} attempts the last value seen was ${lastSeen}`);
    this.name = 'EventuallyTimeoutError';
  }
}

function describe(value: unknown): string {
  if (value instanceof Error) return `error ${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}

/**
 * Polls `probe` until `accept` holds for its value, or the time runs out. The probe may throw;
 * a throw counts as a value that is not accepted. This is the suite's only way to wait for a state.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  options: EventuallyOptions,
): Promise<EventuallyResult<T>> {
  const started = performance.now();
  const interval = options.intervalMs ?? 25;
  let attempts = 0;
  let lastSeen: unknown = 'nothing (no attempt finished)';
  for (;;) {
    attempts += 1;
    try {
      const value = await probe();
      if (accept(value)) return { value, elapsedMs: performance.now() - started, attempts };
      lastSeen = value;
    } catch (error) {
      lastSeen = error;
    }
    const elapsed = performance.now() - started;
    if (elapsed >= options.withinMs) {
      throw new EventuallyTimeoutError(options.expected, describe(lastSeen), elapsed, attempts);
    }
    await sleep(Math.min(interval, options.withinMs - elapsed));
  }
}
