import { Given, Then } from '@cucumber/cucumber';
import { attemptsByKey } from '../src/probes/backoff-envelope.js';
import { expectAtMost, expectExactCount } from '../src/probes/expectations.js';
import { parseStatusList } from '../src/probes/status-list.js';
import type { FaultlineWorld } from './support/world.js';

Given('the {service} answers the next {int} charge(s) with {status}', async function (this: FaultlineWorld, service: string, count: number, status: number) {
  await this.ready();
  await this.upstream(service).script(Array.from({ length: count }, () => ({ status })));
});

Given('the {service} answers the next charges with {string}', async function (this: FaultlineWorld, service: string, statuses: string) {
  await this.ready();
  await this.upstream(service).script(parseStatusList(statuses).map((status) => ({ status })));
});

Given('the {service} answers the next charge with {status} and Retry-After {string}', async function (this: FaultlineWorld, service: string, status: number, retryAfter: string) {
  await this.ready();
  await this.upstream(service).script([{ status, retryAfter }]);
});

Given('the {service} answers every charge with {status}', async function (this: FaultlineWorld, service: string, status: number) {
  await this.ready();
  await this.upstream(service).setDefault({ status });
});

Given('the {service} answers every charge after {duration}', async function (this: FaultlineWorld, service: string, ms: number) {
  await this.ready();
  await this.upstream(service).setDefault({ status: 200, delayMs: ms });
});

Then('the {service} received {int} charge(s)', async function (this: FaultlineWorld, service: string, count: number) {
  const charges = (await this.upstream(service).journal()).requests.filter((entry) => entry.path === '/charges');
  this.expect(expectExactCount('charges received by the gateway', charges.length, count, `keys ${charges.map((c) => c.idempotencyKey).join(', ')}`));
});

Then('the {service} received {int} charge(s) since the breaker opened', async function (this: FaultlineWorld, service: string, count: number) {
  const charges = (await this.upstream(service).journal()).requests.slice(this.journalMark).filter((entry) => entry.path === '/charges');
  this.expect(expectExactCount('charges received while the breaker was open or probing', charges.length, count, `sequence numbers ${charges.map((c) => c.seq).join(', ')}`));
});

Then('the {service} received {int} attempt(s) for that order', async function (this: FaultlineWorld, service: string, count: number) {
  const key = this.lastOrderKey();
  const attempts = attemptsByKey((await this.upstream(service).journal()).requests).get(key) ?? [];
  this.expect(expectExactCount('payment attempts for the order', attempts.length, count, `idempotency key ${key}`));
});

Then('the {service} never had more than {int} charges in flight', async function (this: FaultlineWorld, service: string, limit: number) {
  const journal = await this.upstream(service).journal();
  this.expect(expectAtMost('charges in flight at the gateway at once', journal.maxInFlight, limit, `${journal.requests.length} charges received`));
});
