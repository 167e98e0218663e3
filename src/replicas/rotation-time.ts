// How long the balancer kept a stalled replica in rotation: from the stall (a pause) until its health
// check marks the server DOWN, read from the runtime API every 20 ms, with every status it went through.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Verdict } from '../probes/expectations.js';
import { checkBound, withinMs } from '../units/tolerance.js';
import { backendName } from './haproxy-config.js';
import type { ReplicaSet } from './replica-set.js';

export interface StatusChange {
  /** Milliseconds after the stall. */
  readonly afterMs: number;
  readonly status: string;
}

export async function timeOutOfRotation(set: ReplicaSet, server: string, stalledAt: number, boundMs: number): Promise<{ verdict: Verdict; transitions: StatusChange[] }> {
  const transitions: StatusChange[] = [];
  const giveUpAt = stalledAt + withinMs(boundMs) + 1_000;
  let downAfterMs: number | undefined;
  while (Date.now() < giveUpAt) {
    const row = await set.balancer.server(backendName, server);
    const afterMs = Date.now() - stalledAt;
    if (transitions.at(-1)?.status !== row.status) transitions.push({ afterMs, status: row.status });
    if (row.status === 'DOWN' || row.status === 'MAINT') {
      downAfterMs = afterMs;
      break;
    }
    await sleep(20);
  }
  const measured = downAfterMs ?? Date.now() - stalledAt;
  const check = checkBound(measured, { label: `${server} out of rotation`, maxMs: boundMs });
  const seen = transitions.map((change) => `${change.status} at ${change.afterMs} ms`).join(', ');
  return {
    transitions,
    verdict: {
      label: `${server} out of rotation after it stalled`,
      measured,
      unit: 'ms',
      bound: `<= ${boundMs} ms`,
      ok: downAfterMs !== undefined && check.ok,
      detail: downAfterMs === undefined ? `the balancer never marked ${server} DOWN within ${measured} ms; statuses seen: ${seen}` : `DOWN after ${downAfterMs} ms; statuses seen: ${seen}`,
    },
  };
}
