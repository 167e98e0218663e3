import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import type { Verdict } from './expectations.js';
import { probe, type ProbeResult } from './http-probe.js';
import { pacedCalls } from './paced-calls.js';

export interface OrderPayload {
  readonly customerId: string;
  readonly items: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
  readonly currency: string;
}

export function sampleOrder(index = 0): OrderPayload {
  return { customerId: `customer-${index % 17}`, items: [{ sku: `SKU-${100 + (index % 9)}`, quantity: 1 + (index % 3) }], currency: 'EUR' };
}

export interface PlaceOrderOptions {
  readonly apiKey: string;
  readonly idempotencyKey?: string;
  readonly payload?: OrderPayload;
  readonly timeoutMs?: number;
}

export interface OrderResult extends ProbeResult {
  readonly idempotencyKey: string;
}

/** POST /orders with a fresh idempotency key unless one is given. */
export async function placeOrder(baseUrl: string, options: PlaceOrderOptions): Promise<OrderResult> {
  const idempotencyKey = options.idempotencyKey ?? randomUUID();
  const result = await probe(baseUrl, {
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey, 'idempotency-key': idempotencyKey },
    body: JSON.stringify(options.payload ?? sampleOrder()),
    timeoutMs: options.timeoutMs ?? 10_000,
  });
  return { ...result, idempotencyKey };
}

/** `count` orders sent at the same moment, each with its own key. */
export function placeOrdersConcurrently(baseUrl: string, count: number, options: PlaceOrderOptions): Promise<OrderResult[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => placeOrder(baseUrl, { ...options, payload: options.payload ?? sampleOrder(index) })));
}

/** Places `count` orders one after another (sequential, so latencies are not queueing effects). */
export async function placeOrdersSequentially(baseUrl: string, count: number, options: PlaceOrderOptions): Promise<OrderResult[]> {
  const results: OrderResult[] = [];
  for (let index = 0; index < count; index += 1) {
    results.push(await placeOrder(baseUrl, { ...options, payload: options.payload ?? sampleOrder(index) }));
  }
  return results;
}

/** `count` orders sent open-loop at `perSecond`, each at its own moment whatever the answers before it. */
export function placeOrdersPaced(baseUrl: string, count: number, perSecond: number, options: PlaceOrderOptions): Promise<OrderResult[]> {
  return pacedCalls(perSecond, (index) => placeOrder(baseUrl, { ...options, payload: options.payload ?? sampleOrder(index) }), { count });
}

export function readOrder(baseUrl: string, id: string, apiKey: string): Promise<ProbeResult> {
  return probe(baseUrl, { method: 'GET', path: `/orders/${id}`, headers: { 'x-api-key': apiKey }, timeoutMs: 5_000 });
}

export function cancelOrder(baseUrl: string, id: string, apiKey: string): Promise<ProbeResult> {
  return probe(baseUrl, { method: 'POST', path: `/orders/${id}/cancel`, headers: { 'x-api-key': apiKey }, timeoutMs: 5_000 });
}

/** Every acknowledged order read back with a 200 (and at least one was acknowledged). */
export function expectReadBack(reads: readonly ProbeResult[]): Verdict {
  const missing = reads.filter((result) => result.status !== 200);
  return {
    label: 'acknowledged orders lost',
    measured: missing.length,
    unit: 'count',
    bound: 'exactly 0',
    ok: reads.length > 0 && missing.length === 0,
    detail: `${missing.length} of ${reads.length} acknowledged orders could not be read back: ${missing.slice(0, 5).map((result) => `${result.path} -> ${result.status ?? result.error}`).join('; ')}`,
  };
}

/** GET /orders/:id for each id, one after the other. */
export async function readOrders(baseUrl: string, ids: readonly string[], apiKey: string): Promise<ProbeResult[]> {
  const reads: ProbeResult[] = [];
  for (const id of ids) reads.push(await readOrder(baseUrl, id, apiKey));
  return reads;
}

/** GET /orders/:id again and again for `forMs`, `gapMs` apart: every answer in order. */
export async function readOrderRepeatedly(baseUrl: string, id: string, apiKey: string, forMs: number, gapMs = 20): Promise<ProbeResult[]> {
  const until = performance.now() + forMs;
  const reads: ProbeResult[] = [];
  while (performance.now() < until) {
    reads.push(await readOrder(baseUrl, id, apiKey));
    await sleep(gapMs);
  }
  return reads;
}

/** Requests sent and discarded before a baseline: a freshly (re)started service runs cold code and opens its pools. */
export const baselineWarmUpRequests = 10;

/**
 * A baseline measurement of `count` orders, taken after a warm-up. Without the warm-up the first
 * orders after a restart are 10-20 ms slower (JIT, connection set-up to the gateway and the
 * database), which inflates the baseline and makes an added latency look smaller than it is.
 */
export async function measureBaseline(baseUrl: string, count: number, options: PlaceOrderOptions): Promise<OrderResult[]> {
  await placeOrdersSequentially(baseUrl, baselineWarmUpRequests, options);
  return placeOrdersSequentially(baseUrl, count, options);
}

/**
 * An A/B measurement that cancels drift: requests alternate between "without" and "with" a fault
 * (injected before and removed after each "with" request), so both samples see the same machine.
 * Measured sequentially, a baseline taken a few seconds before the fault moved by ±3 ms between
 * runs on two busy cores, enough to push a 200 ms added latency outside its -2 ms tolerance.
 */
export async function alternately<R>(
  count: number,
  send: (index: number) => Promise<R>,
  fault: { inject(): Promise<void>; remove(): Promise<void> },
): Promise<{ without: R[]; withFault: R[] }> {
  for (let index = 0; index < baselineWarmUpRequests; index += 1) await send(index);
  const without: R[] = [];
  const withFault: R[] = [];
  for (let index = 0; index < count; index += 1) {
    without.push(await send(index));
    await fault.inject();
    try {
      withFault.push(await send(index));
    } finally {
      await fault.remove();
    }
  }
  return { without, withFault };
}

