// Idempotent replays of the order contract: the same order under the same Idempotency-Key.
import { Then, When } from '@cucumber/cucumber';
import { defaultRoute } from '../src/faults/gateway-control.js';
import { expectExactCount } from '../src/probes/expectations.js';
import { placeOrder } from '../src/probes/orders.js';
import { expectReplayOf } from '../src/probes/policy-checks.js';
import { FaultlineError } from '../src/errors.js';
import type { FaultlineWorld } from './support/world.js';
import type { ProbeResult } from '../src/probes/http-probe.js';

/** The order each scenario's replay repeats. */
const replayed = new WeakMap<FaultlineWorld, ProbeResult>();

async function replay(world: FaultlineWorld, original: ProbeResult & { idempotencyKey?: string }): Promise<void> {
  await world.ready();
  // The upstream's journal up to here holds the original's charges; the replay's come after this mark.
  world.journalMark = (await world.gateway.journal()).requests.length;
  replayed.set(world, original);
  // "an order is placed" sends the default sample order, so the same body again is a replay.
  world.setSample('replay', [await placeOrder(world.serviceUrl, { apiKey: world.apiKey, idempotencyKey: original.idempotencyKey! })]);
}

When('the same order is placed again with its Idempotency-Key', async function (this: FaultlineWorld) {
  const placed = this.sample('current');
  if (placed.length !== 1) throw new FaultlineError('FL_MISSING_STEP', `a replay repeats one order; the last step placed ${placed.length}: use "When an order is placed" before it`);
  await replay(this, { ...placed[0]!, idempotencyKey: this.lastOrderKey() });
});

// N counts the orders placed one at a time ("an order is placed"), from 1.
When('order {int} of the scenario is placed again with its Idempotency-Key', async function (this: FaultlineWorld, n: number) {
  const original = this.singleOrders[n - 1];
  if (!original) throw new FaultlineError('FL_MISSING_STEP', `order ${n} of the scenario was not placed: ${this.singleOrders.length} orders were placed one at a time ("When an order is placed")`);
  await replay(this, original);
});

Then('the replay answered 201 with the same order, marked Idempotent-Replayed', function (this: FaultlineWorld) {
  const original = replayed.get(this);
  if (!original) throw new FaultlineError('FL_MISSING_STEP', 'no order was placed again in this scenario');
  this.expect(expectReplayOf(original, this.sample('replay')[0]!));
});

Then('the replay caused {int} charge(s) at the {service}', async function (this: FaultlineWorld, count: number, service: string) {
  const charges = (await this.upstream(service).journal()).requests.slice(this.journalMark).filter((entry) => entry.route === defaultRoute);
  this.expect(expectExactCount(`${defaultRoute} requests at ${service} caused by the replay`, charges.length, count, `keys ${charges.map((charge) => charge.idempotencyKey ?? '(none)').join(', ') || 'none'}`));
});
