import { runId } from '../topology/run-labels.js';
import { clearRestore, noteRestore, type RestoreAction } from '../topology/restore-journal.js';
import type { StartedService } from '../topology/started-service.js';
import { containerCall } from './container-call.js';
import type { Fault, FaultRecord } from './fault.js';

/**
 * Every process of the container frozen by the cgroup freezer (`docker pause`), as a long GC pause
 * or a VM stall: connections stay open, nothing is answered, nothing is refused. Resumed on remove.
 */
export class ProcessPauseFault implements Fault {
  readonly record: FaultRecord;
  private paused: RestoreAction | undefined;

  constructor(private readonly service: StartedService) {
    this.record = { kind: 'process:pause', target: service.spec.name, description: `${service.spec.name} is paused (cgroup freezer)`, parameters: {} };
  }

  async inject(): Promise<void> {
    const entry: RestoreAction = { action: 'unpause', containerId: this.service.container.getId() };
    noteRestore(runId, entry);
    await containerCall(entry.containerId, 'pause', `pausing ${this.service.spec.name}`);
    this.paused = entry;
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    const entry = this.paused;
    if (!entry) return;
    this.paused = undefined;
    // 409: not paused any more (removed, or resumed by someone else): nothing to undo.
    await containerCall(entry.containerId, 'unpause', `resuming ${this.service.spec.name}`, undefined, [404, 409]);
    clearRestore(runId, entry);
    this.record.removedAt = Date.now();
  }
}
