// What a distributed-lock scenario does to the backup-job runners and reads from them: which one
// holds the lock, when its link to etcd was cut and healed, and every runner's ticks since the
// scenario began (GET /ticks).
import type { TickLog } from '../../fixtures/backup-job/src/tick-log.js';
import { FaultlineError } from '../errors.js';
import { LinkDownFault } from '../faults/link-down-fault.js';
import type { Stack } from '../stack/stack.js';
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import { lockNames, lockSettings } from './lock-config.js';
import type { RunnerTicks } from './lock-verdicts.js';

export interface Runner {
  readonly name: string;
  readonly link: string;
}

export class LockDrill {
  /** Epoch ms: ticks before this belong to an earlier scenario. */
  readonly since = Date.now();
  holder: Runner | undefined;
  cutAt: number | undefined;
  healAt: number | undefined;
  fault: LinkDownFault | undefined;

  constructor(private readonly stack: Stack) {}

  get runners(): readonly Runner[] {
    return lockNames.runners;
  }

  /** The lock's settings as the runners run with them (the TTL in ms and the job tick). */
  get settings(): { readonly ttlMs: number; readonly tickMs: number; readonly retryMs: number } {
    return { ttlMs: Number(lockSettings.LEASE_TTL_S) * 1000, tickMs: Number(lockSettings.JOB_TICK_MS), retryMs: Number(lockSettings.ACQUIRE_RETRY_MS) };
  }

  runner(name: string): Runner {
    const runner = this.runners.find((candidate) => candidate.name === name);
    if (!runner) throw new FaultlineError('FL_UNKNOWN_SERVICE', `"${name}" is not a backup-job runner; runners: ${this.runners.map((r) => r.name).join(', ')}`);
    return runner;
  }

  async log(runner: Runner, since = this.since): Promise<TickLog> {
    const url = `${this.stack.topology.service(runner.name).hostUrl(lockNames.port)}/ticks?since=${since}`;
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return (await response.json()) as TickLog;
  }

  /**
   * Restarts every runner at once, with the environment each runs with (a mutant's included): they
   * come up together and contend, refused while the lease of the killed holder lives on in etcd.
   */
  async restartTogether(): Promise<number> {
    const started = performance.now();
    await Promise.all(this.runners.map((runner) => this.stack.topology.service(runner.name)).map((service) => service.reconfigure({ ...service.env }, { force: true })));
    return Math.round(performance.now() - started);
  }

  /** Per runner, what it did since the scenario began besides ticking: the contention. */
  async contention(): Promise<Record<string, { readonly acquisitions: number; readonly refusals: number; readonly losses: readonly string[] }>> {
    const logs = await Promise.all(this.runners.map(async (runner) => [runner.name, await this.log(runner)] as const));
    return Object.fromEntries(logs.map(([name, log]) => [name, { acquisitions: log.acquisitions.length, refusals: log.refusals.length, losses: log.losses.map((loss) => `+${loss.at - this.since} ms: ${loss.why}`) }]));
  }

  async ticks(): Promise<RunnerTicks[]> {
    return Promise.all(this.runners.map(async (runner) => ({ name: runner.name, ticks: (await this.log(runner)).ticks })));
  }

  /** Waits until exactly one runner holds the lock and has ticked, and names it. */
  async findHolder(nominalMs: number): Promise<{ readonly holder: Runner; readonly waitedMs: number }> {
    const { value, elapsedMs } = await eventually(
      async () => Promise.all(this.runners.map(async (runner) => ({ runner, log: await this.log(runner, Date.now() - 500) }))),
      (seen) => seen.filter(({ log }) => log.state === 'holding' && log.ticks.length > 0).length === 1,
      { expected: 'exactly one backup-job runner holding the lock and ticking', withinMs: withinMs(nominalMs), intervalMs: 50 },
    );
    this.holder = value.find(({ log }) => log.state === 'holding')!.runner;
    return { holder: this.holder, waitedMs: Math.round(elapsedMs) };
  }

  /** The holder's link to etcd, as a fault to inject. */
  cutFault(): LinkDownFault {
    if (!this.holder) throw new FaultlineError('FL_MISSING_STEP', 'no runner was found holding the lock in this scenario: the step that names the holder comes first');
    this.fault = new LinkDownFault(this.stack.topology.proxyOf(this.holder.link), this.holder.link);
    return this.fault;
  }

  /** The runner that did not hold the lock when the holder was cut off. */
  get other(): Runner {
    if (!this.holder) throw new FaultlineError('FL_MISSING_STEP', 'no runner was found holding the lock in this scenario');
    return this.runners.find((runner) => runner !== this.holder)!;
  }

  get cut(): number {
    if (this.cutAt === undefined) throw new FaultlineError('FL_MISSING_STEP', "the holder's link to etcd was not cut in this scenario");
    return this.cutAt;
  }
}
