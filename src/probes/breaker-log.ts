import type { BreakerState, BreakerTransitionEvidence } from '../report/evidence.js';

const states: Readonly<Record<string, BreakerState>> = { closed: 'closed', open: 'open', half_open: 'half-open', 'half-open': 'half-open' };

/**
 * The breaker's transitions as the service logged them: JSON log lines (pino's shape) with a
 * `breakerState` field and the `time` of the change (epoch milliseconds or an ISO timestamp). Lines before `sinceMs`, and
 * anything that is not such a line, are skipped; the first transition starts from closed unless
 * the log says otherwise.
 */
export function breakerTransitionsFromLog(logText: string, sinceMs: number): BreakerTransitionEvidence[] {
  const transitions: BreakerTransitionEvidence[] = [];
  let current: BreakerState = 'closed';
  for (const line of logText.split('\n')) {
    const start = line.indexOf('{');
    if (start < 0 || !line.includes('breakerState')) continue;
    let entry: { time?: unknown; breakerState?: unknown };
    try {
      entry = JSON.parse(line.slice(start)) as typeof entry;
    } catch {
      continue;
    }
    const to = typeof entry.breakerState === 'string' ? states[entry.breakerState] : undefined;
    const at = typeof entry.time === 'number' ? entry.time : typeof entry.time === 'string' ? Date.parse(entry.time) : Number.NaN;
    if (to === undefined || Number.isNaN(at) || at < sinceMs) continue;
    if (to !== current) transitions.push({ at, from: current, to });
    current = to;
  }
  return transitions;
}
