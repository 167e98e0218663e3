import { FaultlineError } from '../errors.js';

/** Parses "1%" or "0.5%" into a fraction (0.01, 0.005). */
export function parsePercent(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  const value = match ? Number(match[1]) : Number.NaN;
  if (!match || value > 100) throw new FaultlineError('FL_BAD_PERCENT', `"${text}" is not a percentage between 0% and 100%`);
  return value / 100;
}
