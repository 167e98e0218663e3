import { Then, When } from '@cucumber/cucumber';
import { expectAllStatus, expectHeaderSequence, expectLimited } from '../src/probes/expectations.js';
import { placeOrder, placeOrdersSequentially } from '../src/probes/orders.js';
import { timeUntil } from '../src/probes/time-until.js';
import { OneShotFault } from '../src/faults/one-shot-fault.js';
import { bearerHeader, parseCaller } from '../src/auth/caller.js';
import { placeOrderWith } from '../src/auth/auth-requests.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';
import { waitUntilInstant } from '../src/units/clock.js';
import type { ProbeResult } from '../src/probes/http-probe.js';

type Which = 'first' | 'second';
const keySecret = (which: Which) => (which === 'first' ? 'api-key' : 'api-key-2');

// The burst is the failure mode these scenarios exercise (a client over its quota): it is recorded in
// the ledger like any injected fault, so the report counts and charts it.
When('a burst of {int} orders is sent with the {word} API key', async function (this: FaultlineWorld, count: number, which: Which) {
  await this.ready();
  const service = this.stack.config.service.name;
  let results: Awaited<ReturnType<typeof placeOrdersSequentially>> = [];
  await this.faults.inject(
    new OneShotFault('traffic:burst', service, `a burst of ${count} orders with the ${which} API key`, async () => {
      results = await placeOrdersSequentially(this.serviceUrl, count, { apiKey: this.stack.secret(keySecret(which)) });
    }, { requests: count, key: which }),
  );
  this.setSample('current', results);
});

Then('the accepted orders show RateLimit remaining {string}', function (this: FaultlineWorld, expected: string) {
  const accepted = this.sample('current').filter((result) => result.status === 201);
  this.expect(expectHeaderSequence(accepted, 'ratelimit', /;r=(\d+)/, expected.split(',').map((value) => value.trim())));
});

// The seconds until a token is back, rounded up: a longer Retry-After keeps clients away for nothing,
// a shorter one sends them back to another 429.
Then('every 429 carries Retry-After of {int} second(s) and the RateLimit-Policy {string}', function (this: FaultlineWorld, seconds: number, policy: string) {
  this.expect(expectLimited(this.sample('current').filter((result) => result.status === 429), policy, seconds));
});

// The RateLimit header's other field: the seconds until a token, 0 while one is there.
Then('the accepted orders show RateLimit seconds to the next token {string}', function (this: FaultlineWorld, expected: string) {
  const accepted = this.sample('current').filter((result) => result.status === 201);
  this.expect(expectHeaderSequence(accepted, 'ratelimit', /;t=(-?\d+)$/, expected.split(',').map((value) => value.trim())));
});

Then('an order with the {word} API key succeeds', async function (this: FaultlineWorld, which: Which) {
  const result = await placeOrder(this.serviceUrl, { apiKey: this.stack.secret(keySecret(which)) });
  this.expect(expectAllStatus([result], [201], `an order with the ${which} key`));
});

Then('an order with the {word} API key succeeds again within {duration}', async function (this: FaultlineWorld, which: Which, ms: number) {
  const { verdict } = await timeUntil(
    'time until the bucket admits an order again',
    () => placeOrder(this.serviceUrl, { apiKey: this.stack.secret(keySecret(which)) }),
    (result) => result.status === 201,
    { expected: `an order with the ${which} API key to be accepted`, boundMs: ms, intervalMs: 100 },
  );
  this.expect(verdict);
});

/** Orders with one caller's credentials until the service limits it (bounded: twice the burst, for a service that never does). */
async function useUpBucket(world: FaultlineWorld, send: () => Promise<ProbeResult>): Promise<void> {
  await world.ready();
  const results: ProbeResult[] = [];
  const most = 2 * world.serviceSetting('RATE_LIMIT_BURST', 100) + 2;
  while (results.length < most && results.at(-1)?.status !== 429) results.push(await send());
  world.setSample('current', results);
}

When('the {word} API key has used up its bucket', async function (this: FaultlineWorld, which: Which) {
  await useUpBucket(this, () => placeOrder(this.serviceUrl, { apiKey: this.stack.secret(keySecret(which)) }));
});

// A bucket's refill is the behaviour under test, so the wait is computed from the service's
// settings (tokens / RATE_LIMIT_REFILL_PER_SEC), plus 200 ms, from the instant the bucket was last used.
const refillMs = (world: FaultlineWorld, tokens: number) => (tokens / world.serviceSetting('RATE_LIMIT_REFILL_PER_SEC', 50)) * 1000 + 200;

// The warm-up uses up a bucket of its own (RATE_LIMIT_BURST tokens).
When("the warm-up's bucket is full again", async function (this: FaultlineWorld) {
  await this.ready();
  await waitUntilInstant((this.warmedUpAt ?? Date.now()) + refillMs(this, this.serviceSetting('RATE_LIMIT_BURST', 100)));
});

// The callers of the last orders took one token each.
When('the buckets used once are full again', async function (this: FaultlineWorld) {
  const last = this.evidence.requests.at(-1);
  if (!last) throw new FaultlineError('FL_MISSING_STEP', 'no request was sent in this scenario yet, so no bucket was used (When users "..." place an order each)');
  await waitUntilInstant(last.startedAt + last.durationMs + refillMs(this, 1));
});

// Token subjects: as many callers as a scenario names (the API keys are two).
When('user {string} has used up its bucket', async function (this: FaultlineWorld, user: string) {
  const credentials = await bearerHeader(parseCaller(`user "${user}"`));
  await useUpBucket(this, () => placeOrderWith(this.serviceUrl, credentials));
});

When('users {string} place an order each', async function (this: FaultlineWorld, users: string) {
  await this.ready();
  for (const user of users.split(',').map((name) => name.trim())) {
    this.recordRequests(`an order of user "${user}"`, [await placeOrderWith(this.serviceUrl, await bearerHeader(parseCaller(`user "${user}"`)))]);
  }
});

Then('the {word} API key, unused so far, gets {int} orders through with RateLimit remaining {string}', async function (this: FaultlineWorld, which: Which, count: number, remaining: string) {
  const results = await placeOrdersSequentially(this.serviceUrl, count, { apiKey: this.stack.secret(keySecret(which)) });
  this.setSample('current', results);
  this.expect(expectAllStatus(results, [201], `the first ${count} orders with the ${which} key`));
  this.expect(expectHeaderSequence(results, 'ratelimit', /;r=(\d+)/, remaining.split(',').map((value) => value.trim())));
});
