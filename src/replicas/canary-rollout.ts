// A canary through the balancer: one container of the new version behind the "canary" server, its
// share of the traffic raised step by step (weights, runtime API); after each step the canary's own
// requests of that step are checked against k6 thresholds, and the first failed check sets its weight
// to 0 at once (and drains it): the rollback. Without checks (a broken pipeline, a mutation check)
// every step passes and the canary reaches 100 %.
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import { canaryWeights, judgeCanaryStep, type CanaryThreshold, type ThresholdResult } from './canary-thresholds.js';
import { backendName, canaryServer } from './haproxy-config.js';
import type { ReplicaSet } from './replica-set.js';
import type { ResponseLog } from './response-log.js';

export interface CanaryStep {
  readonly percent: number;
  readonly canaryRequests: number;
  readonly results: readonly ThresholdResult[];
  readonly ok: boolean;
}

export interface CanaryResult {
  readonly steps: CanaryStep[];
  readonly rolledBack: boolean;
  /** The canary's share when the rollout ended: 0 after a rollback. */
  readonly finalPercent: number;
  /** From the failed check to the balancer's confirmation that the canary takes no new request. */
  readonly rollbackMs?: number;
  /** Epoch ms of that confirmation. */
  readonly rolledBackAt?: number;
  readonly checked: boolean;
}

export interface CanaryOptions {
  readonly environment: Readonly<Record<string, string>>;
  readonly steps: readonly number[];
  readonly stepMs: number;
  readonly thresholds: readonly CanaryThreshold[];
  /** False only in the mutation check of a pipeline without canary checks. */
  readonly checked: boolean;
  readonly upBoundMs: number;
}

export async function canaryRollout(set: ReplicaSet, log: ResponseLog, options: CanaryOptions): Promise<CanaryResult> {
  const stable = set.replicas.map((replica) => replica.server);
  await set.startVersion(canaryServer, options.environment);
  await set.balancer.setWeight(backendName, canaryServer, 0);
  await set.balancer.admitAfterChecks(backendName, canaryServer);
  await eventually(() => set.balancer.server(backendName, canaryServer), (row) => (row.status === 'UP' || row.status === 'NOLB') && row.checkStatus === 'L7OK', {
    expected: `${canaryServer} UP in the balancer (health-checked)`,
    withinMs: withinMs(options.upBoundMs),
    intervalMs: 50,
  });
  const steps: CanaryStep[] = [];
  let percent = 0;
  for (const next of options.steps) {
    const weights = canaryWeights(next, stable.length);
    await set.balancer.command([`set server ${backendName}/${canaryServer} weight ${weights.canary}`, ...stable.map((server) => `set server ${backendName}/${server} weight ${weights.each}`)].join('; '));
    percent = next;
    const from = Date.now();
    await sleep(options.stepMs);
    // Requests sent during the step and answered by now (the slowest still running are left out).
    const judged = judgeCanaryStep(log.answeredBy(canaryServer, from), options.thresholds);
    const ok = !options.checked || judged.ok;
    steps.push({ percent: next, canaryRequests: judged.samples, results: judged.results, ok });
    if (!ok) {
      const failedAt = performance.now();
      await set.balancer.command([`set server ${backendName}/${canaryServer} weight 0`, `set server ${backendName}/${canaryServer} state drain`, ...stable.map((server) => `set server ${backendName}/${server} weight 100`)].join('; '));
      const row = await set.balancer.server(backendName, canaryServer);
      const rollbackMs = performance.now() - failedAt;
      return { steps, rolledBack: row.weight === 0, finalPercent: row.weight === 0 ? 0 : percent, rollbackMs: Math.round(rollbackMs * 10) / 10, rolledBackAt: Date.now(), checked: options.checked };
    }
  }
  return { steps, rolledBack: false, finalPercent: percent, checked: options.checked };
}
