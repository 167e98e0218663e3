// Idempotent replays of the order contract: the same order under the same Idempotency-Key.
import { Then, When } from '@cucumber/cucumber';
import { defaultRoute } from '../src/faults/gateway-control.js';
import { expectExactCount } from '../src/probes/expectations.js';
import { placeOrder } from '../src/probes/orders.js';
import { expectReplayOf } from '../src/probes/policy-checks.js';
import { FaultlineError } from '../src/errors.js';
import type { FaultlineWorld } from './support/world.js';

When('the same order is placed again with its Idempotency-Key', async function (this: FaultlineWorld) {
  await this.ready();
  const placed = this.sample('current');
  if (placed.length !== 1) throw new FaultlineError('FL_MISSING_STEP', `a replay repeats one order; the last step placed ${placed.length}: use "When an order is placed" before it`);
  // The upstream's journal up to here holds the first order's charges; the replay's come after this mark.
  this.journalMark = (await this.gateway.journal()).requests.length;
  // "an order is placed" sends the default sample order, so the same body again is a replay.
  this.setSample('replay', [await placeOrder(this.serviceUrl, { apiKey: this.apiKey, idempotencyKey: this.lastOrderKey() })]);
});

Then('the replay answered 201 with the same order, marked Idempotent-Replayed', function (this: FaultlineWorld) {
  this.expect(expectReplayOf(this.sample('current')[0]!, this.sample('replay')[0]!));
});

Then('the replay caused {int} charge(s) at the {service}', async function (this: FaultlineWorld, count: number, service: string) {
  const charges = (await this.upstream(service).journal()).requests.slice(this.journalMark).filter((entry) => entry.route === defaultRoute);
  this.expect(expectExactCount(`${defaultRoute} requests at ${service} caused by the replay`, charges.length, count, `keys ${charges.map((charge) => charge.idempotencyKey ?? '(none)').join(', ') || 'none'}`));
});
