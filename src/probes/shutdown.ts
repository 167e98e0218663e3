// "Then the tip jar exits within 2s with code 0": how long a service took to exit after its
// signal, against a bound with the DESIGN.md §6 tolerances, and its exit code, exactly.
import type { StartedService } from '../topology/started-service.js';
import { expectExactCount, timeVerdict, type Verdict } from './expectations.js';
import { upperSlackMs, withinMs } from '../units/tolerance.js';

export interface ExitMeasurement {
  /** From the signal (or the step, if no signal was sent in the scenario) to the exit, or to giving up. */
  readonly elapsedMs: number;
  /** Undefined when it had not exited when the wait gave up. */
  readonly exitCode: number | undefined;
}

/** Waits for the exit at most as long as the bound allows (its tolerance and the slow-machine multiplier). */
export async function measureExit(service: StartedService, boundMs: number, since: number): Promise<ExitMeasurement> {
  const giveUpAfter = Math.max(0, since + withinMs(boundMs + upperSlackMs(boundMs)) + 250 - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const exitCode = await Promise.race([
    service.waitForExit(),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, giveUpAfter, undefined);
    }),
  ]).finally(() => clearTimeout(timer));
  return { elapsedMs: Date.now() - since, exitCode };
}

export function exitVerdicts(service: string, measured: ExitMeasurement, boundMs: number, code: number, signal: string): Verdict[] {
  // "within" bounds stretch with FAULTLINE_TIME_MULTIPLIER on slow machines, as every wait does.
  const time = timeVerdict(`time for ${service} to exit after ${signal}`, measured.elapsedMs, { maxMs: withinMs(boundMs) }, measured.exitCode === undefined ? 'still running when the wait gave up' : `exit code ${measured.exitCode}`);
  if (measured.exitCode === undefined) return [time];
  return [time, expectExactCount(`exit code of ${service}`, measured.exitCode, code, `after ${signal}`)];
}
