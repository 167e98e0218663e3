import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { expectAllStatus, expectEachWithin, expectOutcomeCounts, expectRetryAfterAtMost } from '../src/probes/expectations.js';
import { expectRetryAfterExactly } from '../src/probes/policy-checks.js';
import { measureBaseline, placeOrder, placeOrdersConcurrently, placeOrdersSequentially } from '../src/probes/orders.js';
import type { FaultlineWorld } from './support/world.js';

Given('the {service} runs with:', function (this: FaultlineWorld, service: string, table: DataTable) {
  this.configureService(service, table.rowsHash());
});

Given('a baseline of {int} orders', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  this.setSample('baseline', await measureBaseline(this.serviceUrl, count, { apiKey: this.apiKey }));
});

When('{int} orders are placed', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  this.setSample('current', await placeOrdersSequentially(this.serviceUrl, count, { apiKey: this.apiKey }));
});

When('an order is placed', async function (this: FaultlineWorld) {
  await this.ready();
  this.setSample('current', [await placeOrder(this.serviceUrl, { apiKey: this.apiKey })]);
});

Then('every order succeeded', function (this: FaultlineWorld) {
  this.expect(expectAllStatus(this.sample('current'), [201], 'orders answered 201'));
});

Then('the order fails with {status} or {status} within {duration}', function (this: FaultlineWorld, a: number, b: number, ms: number) {
  this.expect(expectAllStatus(this.sample('current'), [a, b], `answered ${a} or ${b}`));
  this.expect(expectEachWithin(this.sample('current'), { maxMs: ms }, 'time to the error'));
});

When('{int} orders are placed at once', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  this.setSample('current', await placeOrdersConcurrently(this.serviceUrl, count, { apiKey: this.apiKey }));
});

Then('every order failed with {status} within {duration}', function (this: FaultlineWorld, status: number, ms: number) {
  this.expect(expectAllStatus(this.sample('current'), [status], `answered ${status}`));
  this.expect(expectEachWithin(this.sample('current'), { maxMs: ms }, 'slowest rejection'));
});

Then('every answer carries a Retry-After of at most {int} second(s)', function (this: FaultlineWorld, seconds: number) {
  this.expect(expectRetryAfterAtMost(this.sample('current'), seconds));
});

// Exact: a Retry-After that says 1 s while the breaker stays open for 2 s more sends clients back too early.
Then('every answer carries a Retry-After of {int} second(s), the open time left rounded up', function (this: FaultlineWorld, seconds: number) {
  this.expect(expectRetryAfterExactly(this.sample('current'), seconds));
});

Then('{int} order(s) succeeded and {int} failed with {status} within {duration}', function (this: FaultlineWorld, succeeded: number, failed: number, status: number, ms: number) {
  const results = this.sample('current');
  this.expect(expectOutcomeCounts(results, { succeeded, failedStatus: status, failed }));
  this.expect(expectEachWithin(results.filter((result) => result.status === status), { maxMs: ms }, `slowest ${status}`));
});
