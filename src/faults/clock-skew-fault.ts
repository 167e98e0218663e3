import { FaultlineError } from '../errors.js';
import type { StartedService } from '../topology/started-service.js';
import { clockFile, clockOffsetText, hasControllableClock } from './clock-control.js';
import type { Fault, FaultRecord } from './fault.js';

/**
 * The service's wall clock jumps by `offsetSeconds` (forward or back) while it runs; removal sets
 * it right again. Needs a service started with a controllable clock (clock-control.ts), which costs
 * one restart when the scenario begins.
 */
export class ClockSkewFault implements Fault {
  readonly record: FaultRecord;
  private skewed = false;

  constructor(private readonly service: StartedService, readonly offsetSeconds: number) {
    const direction = offsetSeconds >= 0 ? 'forward' : 'back';
    this.record = {
      kind: 'clock:skew',
      target: service.spec.name,
      description: `the clock of ${service.spec.name} jumps ${Math.abs(offsetSeconds)}s ${direction}`,
      parameters: { offsetSeconds, monotonicClock: 'unchanged', via: 'libfaketime (LD_PRELOAD)' },
    };
  }

  private async write(offsetSeconds: number): Promise<void> {
    await this.service.container.copyContentToContainer([{ content: clockOffsetText(offsetSeconds), target: clockFile, mode: 0o666 }]);
  }

  async inject(): Promise<void> {
    if (!hasControllableClock(this.service.env)) {
      throw new FaultlineError('FL_BAD_FAULT', `${this.service.spec.name} was not started with a controllable clock: begin the scenario with "Given the ${this.service.spec.name.replace(/-/g, ' ')} runs with a controllable clock" (it restarts the service with libfaketime)`);
    }
    await this.write(this.offsetSeconds);
    this.skewed = true;
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    if (!this.skewed) return;
    this.skewed = false;
    if (await this.service.isRunning()) await this.write(0);
    this.record.removedAt = Date.now();
  }
}
