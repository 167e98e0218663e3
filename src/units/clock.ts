import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Lets time pass until an epoch-ms instant: for waits that are part of the behaviour under test
 * (a breaker's open period, a bucket's refill), never to wait for a state (use eventually()).
 */
export async function waitUntilInstant(epochMs: number): Promise<number> {
  const remaining = epochMs - Date.now();
  if (remaining > 0) await sleep(remaining);
  return Math.max(0, remaining);
}
