// Any sequence of creates with repeated keys yields exactly one order per key: a replay with the
// same body returns the same order, another body gets 409, and every acknowledged order can be read.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { probe } from '../probes/http-probe.js';
import type { Target } from './endpoint-properties.js';
import { validOrder } from './order-arbitraries.js';

export const idempotencySequence = fc.record({
  bodies: fc.array(validOrder, { minLength: 2, maxLength: 2 }),
  sends: fc.array(fc.record({ key: fc.integer({ min: 0, max: 3 }), body: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 8 }),
});

export type IdempotencySequence = typeof idempotencySequence extends fc.Arbitrary<infer T> ? T : never;

export const checkIdempotency = (target: Target) => async ({ bodies, sends }: IdempotencySequence): Promise<string[]> => {
  const run = randomUUID();
  const model = new Map<number, { body: number; id: string }>();
  const problems: string[] = [];
  const sameBodies = JSON.stringify(bodies[0]) === JSON.stringify(bodies[1]);
  for (const [index, send] of sends.entries()) {
    const result = await probe(target.baseUrl, {
      method: 'POST',
      path: '/orders',
      headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey, 'idempotency-key': `${run}-${send.key}` },
      body: JSON.stringify(bodies[send.body]),
      timeoutMs: 10_000,
    });
    const known = model.get(send.key);
    const id = result.status === 201 ? (JSON.parse(result.body) as { id: string }).id : undefined;
    if (!known) {
      if (result.status !== 201 || !id) problems.push(`send ${index}: first use of key ${send.key} answered ${result.status ?? result.error}`);
      else model.set(send.key, { body: send.body, id });
    } else if (known.body === send.body || sameBodies) {
      if (id !== known.id) problems.push(`send ${index}: replay of key ${send.key} answered ${result.status} with order ${id}, not ${known.id}`);
    } else if (result.status !== 409) {
      problems.push(`send ${index}: key ${send.key} with another body answered ${result.status}, not 409`);
    }
  }
  for (const [key, { id }] of model) {
    const read = await probe(target.baseUrl, { path: `/orders/${id}`, headers: { 'x-api-key': target.apiKey }, timeoutMs: 10_000 });
    if (read.status !== 200) problems.push(`acknowledged order ${id} (key ${key}) reads as ${read.status}`);
  }
  return problems;
};
