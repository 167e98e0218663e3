import { Given, Then } from '@cucumber/cucumber';
import { attemptsByKey } from '../src/probes/backoff-envelope.js';
import { expectAtMost, expectExactCount } from '../src/probes/expectations.js';
import { parseStatusList } from '../src/probes/status-list.js';
import type { FaultlineWorld } from './support/world.js';

Given('the payment gateway answers the next {int} charge(s) with {status}', async function (this: FaultlineWorld, count: number, status: number) {
  await this.ready();
  await this.stack.gateway.script(Array.from({ length: count }, () => ({ status })));
});

Given('the payment gateway answers the next charges with {string}', async function (this: FaultlineWorld, statuses: string) {
  await this.ready();
  await this.stack.gateway.script(parseStatusList(statuses).map((status) => ({ status })));
});

Given('the payment gateway answers the next charge with {status} and Retry-After {string}', async function (this: FaultlineWorld, status: number, retryAfter: string) {
  await this.ready();
  await this.stack.gateway.script([{ status, retryAfter }]);
});

Given('the payment gateway answers every charge with {status}', async function (this: FaultlineWorld, status: number) {
  await this.ready();
  await this.stack.gateway.setDefault({ status });
});

Given('the payment gateway answers every charge after {duration}', async function (this: FaultlineWorld, ms: number) {
  await this.ready();
  await this.stack.gateway.setDefault({ status: 200, delayMs: ms });
});

Then('the payment gateway received {int} charge(s)', async function (this: FaultlineWorld, count: number) {
  const charges = (await this.stack.gateway.journal()).requests.filter((entry) => entry.path === '/charges');
  this.expect(expectExactCount('charges received by the gateway', charges.length, count, `keys ${charges.map((c) => c.idempotencyKey).join(', ')}`));
});

Then('the payment gateway received {int} charge(s) since the breaker opened', async function (this: FaultlineWorld, count: number) {
  const charges = (await this.stack.gateway.journal()).requests.slice(this.journalMark).filter((entry) => entry.path === '/charges');
  this.expect(expectExactCount('charges received while the breaker was open or probing', charges.length, count, `sequence numbers ${charges.map((c) => c.seq).join(', ')}`));
});

Then('the payment gateway received {int} attempt(s) for that order', async function (this: FaultlineWorld, count: number) {
  const key = this.lastOrderKey();
  const attempts = attemptsByKey((await this.stack.gateway.journal()).requests).get(key) ?? [];
  this.expect(expectExactCount('payment attempts for the order', attempts.length, count, `idempotency key ${key}`));
});

Then('the payment gateway never had more than {int} charges in flight', async function (this: FaultlineWorld, limit: number) {
  const journal = await this.stack.gateway.journal();
  this.expect(expectAtMost('charges in flight at the gateway at once', journal.maxInFlight, limit, `${journal.requests.length} charges received`));
});
