// Open-loop traffic: calls sent at a fixed rate, each at its own instant
// whatever the answers before it, until a count is reached or until told to stop.
import { setTimeout as sleep } from 'node:timers/promises';

export async function pacedCalls<R>(perSecond: number, send: (index: number) => Promise<R>, until: { count?: number; stop?: Promise<unknown> }): Promise<R[]> {
  let stopped = false;
  void until.stop?.then(() => (stopped = true), () => (stopped = true));
  const started = performance.now();
  const calls: Promise<R>[] = [];
  for (let index = 0; until.count === undefined || index < until.count; index += 1) {
    await sleep(Math.max(0, started + (index * 1000) / perSecond - performance.now()));
    if (stopped) break;
    calls.push(send(index));
  }
  return Promise.all(calls);
}
