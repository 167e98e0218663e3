import type { StartedService } from '../topology/started-service.js';
import type { Fault, FaultRecord } from './fault.js';
import { Sidecar } from './sidecar.js';

/**
 * CPU pressure inside the target's own cgroup, as the seed's chaos example writes it ("CPU pressure,
 * intensity 50"): stress-ng runs one worker per CPU, each busy `intensityPercent` of the time, in a
 * sidecar whose cgroup is a child of the target's, so they compete for the target's CPU share and
 * count against any quota it has.
 */
export class CpuStressFault implements Fault {
  readonly record: FaultRecord;
  private sidecar: Sidecar | undefined;

  constructor(private readonly service: StartedService, readonly intensityPercent: number) {
    this.record = {
      kind: 'cpu:stress',
      target: service.spec.name,
      description: `${service.spec.name} is under ${intensityPercent}% CPU pressure (stress-ng in its cgroup)`,
      parameters: { intensityPercent, workers: 'one per CPU' },
    };
  }

  async inject(): Promise<void> {
    this.sidecar = await Sidecar.start(
      this.service.container.getId(),
      `CPU pressure on ${this.service.spec.name}`,
      { cgroup: true },
      ['stress-ng', '--cpu', '0', '--cpu-load', String(this.intensityPercent), '--quiet'],
    );
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    const sidecar = this.sidecar;
    if (!sidecar) return;
    this.sidecar = undefined;
    await sidecar.stop();
    this.record.removedAt = Date.now();
  }
}
