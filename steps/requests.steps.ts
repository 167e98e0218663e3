// Steps that work on any service: they send the request of the configuration (service.request)
// through the ingress link and judge the answers by status and time alone. The judging steps say
// "order" or "request" alike: they read the scenario's last sample, whichever steps made it.
import { Given, Then, When } from '@cucumber/cucumber';
import type { ToxicStream } from '../src/faults/toxic-attributes.js';
import { ToxicFault, withSwitchedFault } from '../src/faults/toxic-fault.js';
import { expectAddedLatency, expectAllStatus, expectEachWithin, expectPercentileWithin } from '../src/probes/expectations.js';
import { alternately, baselineWarmUpRequests } from '../src/probes/orders.js';
import { sendRequest, sendRequestsConcurrently, sendRequestsSequentially } from '../src/probes/service-requests.js';
import { timeUntil } from '../src/probes/time-until.js';
import { expectRetryAfterOnEvery } from '../src/probes/policy-checks.js';
import type { FaultlineWorld } from './support/world.js';

const successes = [200, 201, 202, 204];

Given('a baseline of {int} requests', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  await sendRequestsSequentially(this.stack, baselineWarmUpRequests);
  this.setSample('baseline', await sendRequestsSequentially(this.stack, count));
});

When('{int} requests are sent', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  this.setSample('current', await sendRequestsSequentially(this.stack, count));
});

When('{int} requests are sent at once', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  this.setSample('current', await sendRequestsConcurrently(this.stack, count));
});

When('a request is sent', async function (this: FaultlineWorld) {
  await this.ready();
  this.setSample('current', [await sendRequest(this.stack)]);
});

// "orders are placed" on the reference stack: its configured request is an order.
When(
  '{int} orders/requests are placed/sent alternately without and with {duration} of {stream} latency on the {link} link',
  async function (this: FaultlineWorld, count: number, ms: number, stream: ToxicStream, link: string) {
    await this.ready();
    const fault = new ToxicFault(this.stack.topology.proxyOf(link), link, 'latency', { latency: ms, jitter: 0 }, stream);
    const { without, withFault } = await withSwitchedFault(fault, (toggle) => alternately(count, () => sendRequest(this.stack), toggle));
    this.evidence.faults.push({ ...fault.record, description: `${fault.record.description}, injected around each of ${count} requests` });
    this.setSample('baseline', without);
    this.setSample('current', withFault);
  },
);

Then('every request succeeded', function (this: FaultlineWorld) {
  this.expect(expectAllStatus(this.sample('current'), successes, 'requests answered 2xx'));
});

Then('every order/request failed with {status}', function (this: FaultlineWorld, status: number) {
  this.expect(expectAllStatus(this.sample('current'), [status], `answered ${status}`));
});

Then('the {percentile} order/request latency rose by {duration}', function (this: FaultlineWorld, p: number, ms: number) {
  this.expect(expectAddedLatency(this.sample('baseline'), this.sample('current'), p, ms));
});

Then('every order/request takes at least {duration}', function (this: FaultlineWorld, ms: number) {
  this.expect(expectEachWithin(this.sample('current'), { minMs: ms }, 'fastest request'));
});

Then('the order/request fails with {status} within {duration}', function (this: FaultlineWorld, status: number, ms: number) {
  this.expect(expectAllStatus(this.sample('current'), [status], `answered ${status}`));
  this.expect(expectEachWithin(this.sample('current'), { maxMs: ms }, 'time to the error'));
});

Then('the order/request fails with {status} after between {duration} and {duration}', function (this: FaultlineWorld, status: number, min: number, max: number) {
  this.expect(expectAllStatus(this.sample('current'), [status], `answered ${status}`));
  this.expect(expectEachWithin(this.sample('current'), { minMs: min, maxMs: max }, 'time to the error'));
});

Then('every request failed/fails with {status} or {status}', function (this: FaultlineWorld, a: number, b: number) {
  this.expect(expectAllStatus(this.sample('current'), [a, b], `answered ${a} or ${b}`));
});

Then('the request fails with {status} or {status} within {duration}', function (this: FaultlineWorld, a: number, b: number, ms: number) {
  this.expect(expectAllStatus(this.sample('current'), [a, b], `answered ${a} or ${b}`));
  this.expect(expectEachWithin(this.sample('current'), { maxMs: ms }, 'time to the error'));
});

Then('every request takes at most {duration}', function (this: FaultlineWorld, ms: number) {
  this.expect(expectEachWithin(this.sample('current'), { maxMs: ms }, 'slowest request'));
});

Then('the {percentile} request latency is at most {duration}', function (this: FaultlineWorld, p: number, ms: number) {
  this.expect(expectPercentileWithin(this.sample('current'), p, { maxMs: ms }));
});

Then('the {percentile} request latency is at least {duration}', function (this: FaultlineWorld, p: number, ms: number) {
  this.expect(expectPercentileWithin(this.sample('current'), p, { minMs: ms }));
});

Then('the {percentile} request latency is between {duration} and {duration}', function (this: FaultlineWorld, p: number, min: number, max: number) {
  this.expect(expectPercentileWithin(this.sample('current'), p, { minMs: min, maxMs: max }));
});

Then('orders/requests succeed again within {duration}', async function (this: FaultlineWorld, ms: number) {
  const { method, path } = this.stack.request;
  const { attempts, verdict } = await timeUntil(
    `time until ${method} ${path} succeeds again`,
    () => sendRequest(this.stack, { timeoutMs: 5_000 }),
    (result) => result.status !== undefined && successes.includes(result.status),
    { expected: `${method} ${path} to answer 2xx`, boundMs: ms },
  );
  this.expect(verdict);
  this.evidence.notes.recoveryAttempts = attempts;
});

// Every answer any step recorded in this scenario, not only the last sample's: the 503s and 429s of
// different causes (bulkhead, breaker, unreachable upstream, shedding, rate limit) each carry one.
// Health answers are not errors (application/health+json, no Retry-After promised): left out.
Then('every 503 and 429 answer of this scenario carried a Retry-After', function (this: FaultlineWorld) {
  this.expect(expectRetryAfterOnEvery(this.answers.filter((answer) => !answer.headers['content-type']?.startsWith('application/health+json'))));
});
