import { eventually } from './eventually.js';
import { probe } from './http-probe.js';

/** Waits until GET /health/ready answers 200. */
export async function waitUntilReady(baseUrl: string, withinMs: number): Promise<number> {
  const { elapsedMs } = await eventually(
    () => probe(baseUrl, { path: '/health/ready', timeoutMs: 1_000 }),
    (result) => result.status === 200,
    { expected: 'GET /health/ready to answer 200', withinMs },
  );
  return elapsedMs;
}
