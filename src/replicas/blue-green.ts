// Blue-green through the balancer: the green set (one new container per blue replica, another
// version) starts beside the blue one with weight 0, the balancer's health check must see every
// green server UP, then one runtime API line gives the green servers their weight and the blue ones
// 0, all at once. Blue keeps running (UP, weight 0): rolling back is the same line the other way.
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import { backendName, greenServers } from './haproxy-config.js';
import type { ReplicaSet } from './replica-set.js';

export interface BlueGreenResult {
  readonly greenStartMs: number;
  /** From the green containers' readiness to the balancer's UP for all of them. */
  readonly healthCheckedMs: number;
  /** Epoch ms when the balancer had switched (its runtime API answered the switch). */
  readonly switchedAt: number;
  readonly switchMs: number;
}

export function switchLine(to: readonly string[], from: readonly string[], weight = 100): string {
  return [...to.map((server) => `set server ${backendName}/${server} weight ${weight}`), ...from.map((server) => `set server ${backendName}/${server} weight 0`)].join('; ');
}

export async function blueGreen(set: ReplicaSet, environment: Readonly<Record<string, string>>, options: { upBoundMs: number; afterSwitchMs: number }): Promise<BlueGreenResult> {
  const green = greenServers.slice(0, set.replicas.length);
  const started = performance.now();
  await Promise.all(green.map((server) => set.startVersion(server, environment)));
  const greenStartMs = performance.now() - started;
  const checking = performance.now();
  for (const server of green) {
    await set.balancer.setWeight(backendName, server, 0);
    await set.balancer.admitAfterChecks(backendName, server);
  }
  await eventually(() => set.servers(), (rows) => green.every((server) => { const row = rows.find((candidate) => candidate.server === server); return row !== undefined && (row.status === 'UP' || row.status === 'NOLB') && row.checkStatus === 'L7OK'; }), {
    expected: `${green.join(', ')} UP in the balancer (health-checked)`,
    withinMs: withinMs(options.upBoundMs),
    intervalMs: 50,
  });
  const healthCheckedMs = performance.now() - checking;
  const switching = performance.now();
  const answer = (await set.balancer.command(switchLine(green, set.replicas.map((replica) => replica.server)))).trim();
  if (answer !== '') throw new Error(`the balancer refused the switch to green: ${answer}`);
  const switchedAt = Date.now();
  const switchMs = performance.now() - switching;
  await new Promise((resolve) => setTimeout(resolve, options.afterSwitchMs));
  return { greenStartMs: round(greenStartMs), healthCheckedMs: round(healthCheckedMs), switchedAt, switchMs: round(switchMs) };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
