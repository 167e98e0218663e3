import type { ProbeResult } from './http-probe.js';

/**
 * How far a service's wall clock is from ours, read off the HTTP Date header of one answer (whole
 * seconds, so up to 1 s of resolution plus the request's own duration is noise).
 */
export function clockOffsetSeconds(result: Pick<ProbeResult, 'headers' | 'startedAt' | 'durationMs'>): number | undefined {
  const date = result.headers.date;
  if (!date) return undefined;
  const theirs = Date.parse(date);
  if (Number.isNaN(theirs)) return undefined;
  const ours = result.startedAt + result.durationMs / 2;
  return (theirs - ours) / 1000;
}
