import { runId } from '../topology/run-labels.js';
import { clearRestore, noteRestore, type RestoreAction } from '../topology/restore-journal.js';
import type { StartedService } from '../topology/started-service.js';
import { containerCall, inspectContainer } from './container-call.js';
import type { Fault, FaultRecord } from './fault.js';

const periodUs = 100_000;

/**
 * A CFS bandwidth limit on the container's cgroup: `percent` of one CPU per 100 ms period. What it
 * had before (usually no limit) comes back on remove, and from the watchdog if the run dies first.
 */
export class CpuQuotaFault implements Fault {
  readonly record: FaultRecord;
  private previous: RestoreAction | undefined;

  constructor(private readonly service: StartedService, readonly percentOfOneCpu: number) {
    this.record = {
      kind: 'cpu:quota',
      target: service.spec.name,
      description: `${service.spec.name} may use ${percentOfOneCpu}% of one CPU (CFS quota)`,
      parameters: { percentOfOneCpu, cpuQuotaUs: cpuQuotaUs(percentOfOneCpu), cpuPeriodUs: periodUs },
    };
  }

  async inject(): Promise<void> {
    const id = this.service.container.getId();
    const { HostConfig } = await inspectContainer<{ HostConfig: { CpuQuota?: number; CpuPeriod?: number } }>(id);
    // -1 is "no limit" for cgroup v1; an update with 0 would leave the quota unchanged.
    const entry: RestoreAction = { action: 'cpu-quota', containerId: id, cpuQuota: HostConfig.CpuQuota ? HostConfig.CpuQuota : -1, cpuPeriod: HostConfig.CpuPeriod || periodUs };
    noteRestore(runId, entry);
    await containerCall(id, 'update', `limiting the CPU of ${this.service.spec.name}`, { CpuPeriod: periodUs, CpuQuota: cpuQuotaUs(this.percentOfOneCpu) });
    this.previous = entry;
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    const entry = this.previous;
    if (!entry || entry.action !== 'cpu-quota') return;
    this.previous = undefined;
    await containerCall(entry.containerId, 'update', `lifting the CPU limit of ${this.service.spec.name}`, { CpuPeriod: entry.cpuPeriod, CpuQuota: entry.cpuQuota }, [404]);
    clearRestore(runId, entry);
    this.record.removedAt = Date.now();
  }
}

/** Microseconds per 100 ms period; the kernel takes no less than 1000. */
export function cpuQuotaUs(percentOfOneCpu: number): number {
  return Math.max(1000, Math.round((percentOfOneCpu / 100) * periodUs));
}
