import { FaultlineError } from '../errors.js';

const durationPattern = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/;
const unitMs = { ms: 1, s: 1000, m: 60_000 } as const;

/** Parses "200ms", "2s", "1.5s" or "1m" into milliseconds. */
export function parseDuration(text: string): number {
  const match = durationPattern.exec(text);
  if (!match) {
    throw new FaultlineError('FL_BAD_DURATION', `"${text}" is not a duration`);
  }
  const [, amount, unit] = match as unknown as [string, string, keyof typeof unitMs];
  return Number(amount) * unitMs[unit];
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2)}s` : `${ms.toFixed(ms < 10 ? 2 : 1)}ms`;
}
