// Timing tolerances of DESIGN.md §5, in one place: a lower bound may be undershot by 2 ms (timer
// granularity), an upper bound overshot by max(50 ms, 10 %) (scheduling on a busy machine), and
// "within N s" waits are multiplied by FAULTLINE_TIME_MULTIPLIER on slow machines.

import { FaultlineError } from '../errors.js';

const lowerSlackMs = 2;

export function upperSlackMs(boundMs: number): number {
  return Math.max(50, boundMs * 0.1);
}

export interface Bound {
  readonly label: string;
  readonly minMs?: number;
  readonly maxMs?: number;
}

export interface BoundCheck {
  readonly ok: boolean;
  readonly measuredMs: number;
  readonly acceptedMinMs?: number;
  readonly acceptedMaxMs?: number;
  readonly message: string;
}

export function checkBound(measuredMs: number, bound: Bound): BoundCheck {
  const acceptedMinMs = bound.minMs === undefined ? undefined : bound.minMs - lowerSlackMs;
  const acceptedMaxMs = bound.maxMs === undefined ? undefined : bound.maxMs + upperSlackMs(bound.maxMs);
  const ok =
    (acceptedMinMs === undefined || measuredMs >= acceptedMinMs) &&
    (acceptedMaxMs === undefined || measuredMs <= acceptedMaxMs);
  const range = `[${bound.minMs ?? '-inf'}, ${bound.maxMs ?? '+inf'}] ms (accepted [${acceptedMinMs?.toFixed(1) ?? '-inf'}, ${acceptedMaxMs?.toFixed(1) ?? '+inf'}] ms with the DESIGN §5 tolerances)`;
  return {
    ok,
    measuredMs,
    ...(acceptedMinMs === undefined ? {} : { acceptedMinMs }),
    ...(acceptedMaxMs === undefined ? {} : { acceptedMaxMs }),
    message: `${bound.label}: measured ${measuredMs.toFixed(1)} ms, expected ${range}`,
  };
}

function timeMultiplier(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FAULTLINE_TIME_MULTIPLIER;
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1) {
    throw new FaultlineError('FL_BAD_CONFIG', `FAULTLINE_TIME_MULTIPLIER must be a number >= 1, got "${raw}"`);
  }
  return value;
}

/** A "within N s" wait, stretched for slow machines. */
export function withinMs(nominalMs: number): number {
  return nominalMs * timeMultiplier();
}
