// Model-based testing of the order lifecycle under generated fault schedules: fast-check
// interleaves order commands with fault commands (Toxiproxy toxics on the payment and database
// links, gateway scripts) and shrinks a failing schedule to the smallest one.
// Invariants: an acknowledged order is never lost, one key never maps to two orders, and every
// answer comes within the bound.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import type { GatewayControl } from '../faults/gateway-control.js';
import { probe } from '../probes/http-probe.js';
import { sampleOrder } from '../probes/orders.js';
import { addToxicWhenQuiet, resetToxiproxy } from '../faults/toxiproxy-reset.js';

export interface OrderModel {
  /**
   * Per key: the acknowledged body and order id, and every body sent whose outcome is unknown
   * (a 5xx may or may not have stored the order, so it may or may not bind the key).
   */
  readonly keys: Map<number, { body?: number; id?: string; maybe: Set<number> }>;
  /**
   * A fault is active, or was healed and no order has succeeded since: connections broken by a
   * fault are found only when next used, so the first answers after healing may still fail.
   */
  faultActive: boolean;
}

export interface OrderSystem {
  readonly serviceUrl: string;
  readonly apiKey: string;
  readonly toxiproxy: Toxiproxy;
  readonly proxy: (link: string) => Promise<Proxy>;
  readonly gateway: GatewayControl;
  readonly run: string;
  readonly answerBoundMs: number;
  readonly violations: string[];
  /** Whether a fault has been injected since the last heal. */
  readonly faultsInjected: () => boolean;
  readonly injected: () => void;
  readonly healed: () => void;
}

const bodies = [sampleOrder(1), sampleOrder(2)];

class PlaceOrder implements fc.AsyncCommand<OrderModel, OrderSystem> {
  constructor(readonly key: number, readonly body: number) {}
  check = () => true;
  async run(model: OrderModel, system: OrderSystem): Promise<void> {
    const result = await probe(system.serviceUrl, {
      method: 'POST',
      path: '/orders',
      headers: { 'content-type': 'application/json', 'x-api-key': system.apiKey, 'idempotency-key': `${system.run}-${this.key}` },
      body: JSON.stringify(bodies[this.body]),
      timeoutMs: system.answerBoundMs * 2,
    });
    if (result.durationMs > system.answerBoundMs) system.violations.push(`${this} answered after ${result.durationMs.toFixed(0)} ms (bound ${system.answerBoundMs} ms)`);
    const known = model.keys.get(this.key) ?? { maybe: new Set<number>() };
    model.keys.set(this.key, known);
    const status = result.status;
    if (status === 201) {
      model.faultActive = model.faultActive && system.faultsInjected();
      const id = (JSON.parse(result.body) as { id: string }).id;
      if (known.body !== undefined && known.body !== this.body) system.violations.push(`${this}: another body under key ${this.key} was accepted (expected 409)`);
      else if (known.id && known.id !== id) system.violations.push(`${this}: key ${this.key} now maps to order ${id}, before to ${known.id} (duplicate)`);
      else if (known.body === undefined && [...known.maybe].some((body) => body !== this.body) && !known.maybe.has(this.body)) {
        // Only unknown outcomes with other bodies came before: none of them was stored, or this would be a 409.
        known.maybe.clear();
        Object.assign(known, { body: this.body, id });
      } else Object.assign(known, { body: this.body, id });
    } else if (status === 409) {
      const conflicting = (known.body !== undefined && known.body !== this.body) || [...known.maybe].some((body) => body !== this.body);
      if (!conflicting) system.violations.push(`${this}: 409 without a conflicting earlier body`);
      // A 409 proves an earlier body was stored under this key, even if its answer was lost.
    } else if (status === 502 || status === 503 || status === 504) {
      if (!model.faultActive) system.violations.push(`${this}: ${status} with no fault active`);
      if (known.body === undefined) known.maybe.add(this.body);
    } else {
      system.violations.push(`${this}: unexpected answer ${status ?? result.error}`);
    }
  }
  toString = () => `PlaceOrder(key ${this.key}, body ${this.body})`;
}

class LinkLatency implements fc.AsyncCommand<OrderModel, OrderSystem> {
  constructor(readonly link: 'payment' | 'db-primary', readonly ms: number) {}
  check = () => true;
  async run(model: OrderModel, system: OrderSystem): Promise<void> {
    const proxy = await system.proxy(this.link);
    await addToxicWhenQuiet(proxy, { name: `model-latency-${randomUUID()}`, type: 'latency', stream: 'downstream', toxicity: 1, attributes: { latency: this.ms, jitter: 0 } });
    model.faultActive = true;
    system.injected();
  }
  toString = () => `LinkLatency(${this.link}, ${this.ms} ms)`;
}

class LinkReset implements fc.AsyncCommand<OrderModel, OrderSystem> {
  constructor(readonly link: 'payment' | 'db-primary') {}
  check = () => true;
  async run(model: OrderModel, system: OrderSystem): Promise<void> {
    const proxy = await system.proxy(this.link);
    await addToxicWhenQuiet(proxy, { name: `model-reset-${randomUUID()}`, type: 'reset_peer', stream: 'upstream', toxicity: 1, attributes: { timeout: 0 } });
    model.faultActive = true;
    system.injected();
  }
  toString = () => `LinkReset(${this.link})`;
}

class GatewayFails implements fc.AsyncCommand<OrderModel, OrderSystem> {
  constructor(readonly status: number, readonly times: number) {}
  check = () => true;
  async run(model: OrderModel, system: OrderSystem): Promise<void> {
    await system.gateway.script(Array.from({ length: this.times }, () => ({ status: this.status })));
    model.faultActive = true;
    system.injected();
  }
  toString = () => `GatewayFails(${this.status} x${this.times})`;
}

class Heal implements fc.AsyncCommand<OrderModel, OrderSystem> {
  check = () => true;
  async run(_model: OrderModel, system: OrderSystem): Promise<void> {
    await resetToxiproxy(system.toxiproxy);
    await system.gateway.reset();
    system.healed();
  }
  toString = () => 'Heal';
}

export const orderCommands = fc.commands(
  [
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 1 })).map(([key, body]) => new PlaceOrder(key, body)),
    fc.tuple(fc.constantFrom('payment' as const, 'db-primary' as const), fc.constantFrom(50, 200, 600)).map(([link, ms]) => new LinkLatency(link, ms)),
    fc.constantFrom('payment' as const, 'db-primary' as const).map((link) => new LinkReset(link)),
    fc.tuple(fc.constantFrom(500, 503), fc.integer({ min: 1, max: 3 })).map(([status, times]) => new GatewayFails(status, times)),
    fc.constant(new Heal()),
  ],
  { maxCommands: 8 },
);

/**
 * One run: fresh keys, the schedule, then heal and read back every acknowledged order (retried
 * until the database answers) — an acknowledged order that cannot be read is lost.
 */
export async function runOrderModel(
  commands: Iterable<fc.AsyncCommand<OrderModel, OrderSystem>>,
  base: Omit<OrderSystem, 'run' | 'violations' | 'faultsInjected' | 'injected' | 'healed'>,
): Promise<string[]> {
  let faults = false;
  const system: OrderSystem = { ...base, run: randomUUID(), violations: [], faultsInjected: () => faults, injected: () => (faults = true), healed: () => (faults = false) };
  const model: OrderModel = { keys: new Map(), faultActive: false };
  try {
    await fc.asyncModelRun(() => ({ model, real: system }), commands);
  } finally {
    await resetToxiproxy(system.toxiproxy);
    await system.gateway.reset();
  }
  for (const [key, entry] of model.keys) {
    if (entry.id === undefined) continue;
    let read = await probe(system.serviceUrl, { path: `/orders/${entry.id}`, headers: { 'x-api-key': system.apiKey }, timeoutMs: 5_000 });
    for (let attempt = 0; attempt < 20 && read.status !== 200 && read.status !== 404; attempt += 1) {
      read = await probe(system.serviceUrl, { path: `/orders/${entry.id}`, headers: { 'x-api-key': system.apiKey }, timeoutMs: 5_000 });
    }
    if (read.status !== 200) system.violations.push(`acknowledged order ${entry.id} (key ${key}) is lost: GET answered ${read.status ?? read.error}`);
  }
  return system.violations;
}
