// A rolling restart through the balancer, one replica at a time: drain it (no new requests), wait
// until its requests in flight are done (or a bound), SIGTERM, wait for the exit, start it again
// (the same environment or a new version's), put it back in rotation and wait until the balancer's
// health check sees it UP. Only then the next replica: at most one replica is ever out.
import type { FaultLedger } from '../faults/fault-ledger.js';
import { ProcessSignalFault } from '../faults/process-signal-fault.js';
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import { backendName } from './haproxy-config.js';
import type { ReplicaSet } from './replica-set.js';

export interface RollingRestartStep {
  readonly server: string;
  /** Time the drained replica took to finish its requests in flight. */
  readonly drainMs: number;
  /** Requests it still had when the drain bound ran out (0 when they all finished). */
  readonly leftInFlight: number;
  /** From SIGTERM to the exit. */
  readonly stopMs: number;
  readonly exitCode: number;
  /** From the start of the new container to the balancer's UP. */
  readonly backInRotationMs: number;
}

export interface RollingRestartOptions {
  /** The longest the driver waits for a drained replica's requests in flight. */
  readonly drainBoundMs: number;
  /** The longest a restarted replica may take until the balancer sees it UP. */
  readonly upBoundMs: number;
  /** Environment of the new version over the replicas' defaults; none: the same version again. */
  readonly environment?: Readonly<Record<string, string>>;
}

export async function rollingRestart(set: ReplicaSet, faults: FaultLedger, options: RollingRestartOptions): Promise<RollingRestartStep[]> {
  const steps: RollingRestartStep[] = [];
  for (const { server, service } of set.replicas) {
    await set.balancer.setState(backendName, server, 'drain');
    const drainStarted = performance.now();
    let leftInFlight = 0;
    try {
      await eventually(() => set.balancer.server(backendName, server), (row) => row.current === 0, { expected: `${server} without requests in flight`, withinMs: options.drainBoundMs, intervalMs: 20 });
    } catch {
      leftInFlight = (await set.balancer.server(backendName, server)).current;
    }
    const drainMs = performance.now() - drainStarted;
    const stopStarted = performance.now();
    await faults.inject(new ProcessSignalFault(service, 'SIGTERM', undefined));
    const exitCode = await service.waitForExit();
    const stopMs = performance.now() - stopStarted;
    const upStarted = performance.now();
    if (options.environment) await service.reconfigure(options.environment, { force: true });
    else await service.restart();
    await set.balancer.setState(backendName, server, 'ready');
    await eventually(() => set.balancer.server(backendName, server), (row) => row.status === 'UP' || row.status === 'no check', {
      expected: `${server} UP in the balancer after its restart`,
      withinMs: withinMs(options.upBoundMs),
      intervalMs: 50,
    });
    steps.push({ server, drainMs: round(drainMs), leftInFlight, stopMs: round(stopMs), exitCode, backInRotationMs: round(performance.now() - upStarted) });
  }
  return steps;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
