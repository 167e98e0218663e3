import type { StartedService } from '../topology/started-service.js';
import type { Fault, FaultRecord } from './fault.js';

export type ProcessSignal = 'SIGKILL' | 'SIGTERM';

/**
 * A signal to the container's main process: SIGKILL is a crash, SIGTERM a shutdown request. The
 * fault lasts until the process runs again: remove() restarts a stopped container when asked to
 * (a dependency the next scenario needs); the service under test is restarted by the next
 * scenario's start instead, with that scenario's configuration.
 */
export class ProcessSignalFault implements Fault {
  readonly record: FaultRecord;
  private sent = false;

  constructor(
    private readonly service: StartedService,
    readonly signal: ProcessSignal,
    private readonly restartOnRemove: (() => Promise<void>) | undefined,
  ) {
    const what = signal === 'SIGKILL' ? 'killed (SIGKILL)' : 'asked to stop (SIGTERM)';
    this.record = { kind: `process:${signal.toLowerCase()}`, target: service.spec.name, description: `${service.spec.name} is ${what}`, parameters: { signal } };
  }

  async inject(): Promise<void> {
    this.record.injectedAt = Date.now();
    await this.service.signal(this.signal);
    this.sent = true;
  }

  async remove(): Promise<void> {
    if (!this.sent) return;
    this.sent = false;
    if (this.restartOnRemove && !(await this.service.isRunning())) await this.restartOnRemove();
    this.record.removedAt = Date.now();
  }
}
