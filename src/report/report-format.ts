// Number and time formatting shared by the HTML and Markdown writers, so both say the same thing.

/** 0.42 ms, 12.3 ms, 312 ms, 1.25 s, 2 min 05 s; no trailing zeros (50 ms, 1.4 ms, 10 s). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const fixed = (value: number, digits: number) => String(Number(value.toFixed(digits)));
  if (abs < 10) return `${sign}${fixed(abs, 2)} ms`;
  if (abs < 100) return `${sign}${fixed(abs, 1)} ms`;
  if (abs < 1000) return `${sign}${abs.toFixed(0)} ms`;
  if (abs < 60_000) return `${sign}${fixed(abs / 1000, 2)} s`;
  const minutes = Math.floor(abs / 60_000);
  return `${sign}${minutes} min ${((abs - minutes * 60_000) / 1000).toFixed(0).padStart(2, '0')} s`;
}

/** A measured value with its unit, at a precision a person can read. */
export function formatQuantity(value: number, unit: string): string {
  if (unit === 'ms') return formatMs(value);
  const rounded = Number.isInteger(value) ? String(value) : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
  return unit ? `${rounded} ${unit}` : rounded;
}

// A time beyond what a Date holds (hand-edited evidence) is shown as its number rather than thrown on.
const outOfRange = (epochMs: number) => Number.isNaN(new Date(epochMs).getTime());
const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** 2024-05-01 12:34:56.789 UTC: reports are read in many time zones, so they all show UTC. */
export function formatDateTime(epochMs: number): string {
  return outOfRange(epochMs) ? `${epochMs} ms since the epoch` : `${iso(epochMs).replace('T', ' ').replace('Z', '')} UTC`;
}

/** 12:34:56.789Z */
export function formatClock(epochMs: number): string {
  return outOfRange(epochMs) ? `${epochMs} ms since the epoch` : `${iso(epochMs).slice(11, 23)}Z`;
}

/** +1.234 s relative to an origin. */
export function formatOffset(epochMs: number, originMs: number): string {
  const seconds = (epochMs - originMs) / 1000;
  return `${seconds < 0 ? '−' : '+'}${Math.abs(seconds).toFixed(3)} s`;
}

export function formatPercent(percent: number | null): string {
  return percent === null ? 'n/a' : `${Number.isInteger(percent) ? percent : percent.toFixed(1)} %`;
}

/** "1 scenario", "3 scenarios". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** "2 passed, 1 failed": the verdicts that occurred, with their counts; '' when none. */
export function verdictCounts(byVerdict: Readonly<Record<string, number>>): string {
  return Object.entries(byVerdict).filter(([, count]) => count > 0).map(([verdict, count]) => `${count} ${verdict}`).join(', ');
}

/** "features/x.feature:12", or the file alone when the line is not known. */
export const featureLine = (uri: string, line: number | undefined) => (line === undefined ? uri : `${uri}:${line}`);
