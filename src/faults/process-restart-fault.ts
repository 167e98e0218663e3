import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedService } from '../topology/started-service.js';
import type { Fault, FaultRecord } from './fault.js';

/**
 * The container crashes and comes back: once (`restart`), or again and again (`restart loop`): every
 * `everyMs` it is killed with SIGKILL and started again, as a crash-looping process is, until the
 * fault is removed. Removal leaves it running and ready.
 */
export class ProcessRestartFault implements Fault {
  readonly record: FaultRecord;
  private loop: Promise<void> | undefined;
  private stopping = false;
  /** Epoch milliseconds of each kill and of the moment the container was ready again. */
  readonly cycles: Array<{ killedAt: number; readyAt?: number }> = [];

  constructor(
    private readonly service: StartedService,
    /** Restarts the container and waits until it is ready (Stack.restartContainer). */
    private readonly restart: () => Promise<void>,
    private readonly everyMs?: number,
  ) {
    const name = service.spec.name;
    this.record = everyMs === undefined
      ? { kind: 'process:restart', target: name, description: `${name} is killed and started again`, parameters: {} }
      : { kind: 'process:restart-loop', target: name, description: `${name} is killed every ${everyMs} ms and started again`, parameters: { everyMs, cycles: this.cycles } };
  }

  private async cycle(): Promise<void> {
    const entry: { killedAt: number; readyAt?: number } = { killedAt: Date.now() };
    this.cycles.push(entry);
    if (await this.service.isRunning()) await this.service.signal('SIGKILL');
    await this.restart();
    entry.readyAt = Date.now();
  }

  async inject(): Promise<void> {
    this.record.injectedAt = Date.now();
    if (this.everyMs === undefined) {
      await this.cycle();
      this.record.removedAt = Date.now();
      return;
    }
    const everyMs = this.everyMs;
    this.loop = (async () => {
      while (!this.stopping) {
        const started = Date.now();
        await this.cycle();
        const rest = everyMs - (Date.now() - started);
        if (rest > 0 && !this.stopping) await sleep(rest);
      }
    })();
  }

  async remove(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    const loop = this.loop;
    this.loop = undefined;
    try {
      await loop;
    } finally {
      if (!(await this.service.isRunning())) await this.restart();
      this.record.removedAt = Date.now();
    }
  }
}
