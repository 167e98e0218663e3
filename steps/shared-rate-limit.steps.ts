// The rate limit shared by the order service's replicas in Redis (features/shared-rate-limit.feature).
import { After, Given, Then, When } from '@cucumber/cucumber';
import { OneShotFault } from '../src/faults/one-shot-fault.js';
import { expectAllStatus } from '../src/probes/expectations.js';
import { probe } from '../src/probes/http-probe.js';
import { placeOrder } from '../src/probes/orders.js';
import { timeUntil } from '../src/probes/time-until.js';
import { sagaNames } from '../src/saga/saga-config.js';
import { ExtraReplicas, roundRobin } from '../src/shared-rate-limit/extra-replicas.js';
import { emptySharedBuckets, metered, problemAnswersVerdict, storeErrorsVerdict } from '../src/shared-rate-limit/shared-buckets.js';
import { withinMs } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';

const extraReplicas = new WeakMap<FaultlineWorld, ExtraReplicas>();

Given('the shared rate-limit buckets are empty', async function (this: FaultlineWorld) {
  this.evidence.notes.bucketsEmptied = await emptySharedBuckets(this.stack.topology.service(sagaNames.cache));
});

Given('{int} more replicas of the order service run with the same settings', { timeout: withinMs(120_000) }, async function (this: FaultlineWorld, count: number) {
  await this.ready();
  const replicas = await ExtraReplicas.start(this.stack, count, { apiKey: this.stack.secret('warm-up-key') });
  extraReplicas.set(this, replicas);
  this.evidence.notes.extraReplicas = { count, startMs: Math.round(replicas.startMs) };
});

When('a burst of {int} orders is sent with the first API key, round-robin to the {int} replicas', async function (this: FaultlineWorld, count: number, replicaCount: number) {
  const replicas = extraReplicas.get(this);
  const urls = replicas?.urls ?? [];
  if (urls.length !== replicaCount) throw new Error(`${replicaCount} replicas asked for, ${urls.length} running (start them with "${replicaCount - 1} more replicas of the order service run with the same settings")`);
  let results: Awaited<ReturnType<typeof roundRobin<Awaited<ReturnType<typeof placeOrder>>>>> = [];
  await this.faults.inject(
    new OneShotFault('traffic:burst', this.stack.config.service.name, `a burst of ${count} orders with the first API key, round-robin to ${replicaCount} replicas`, async () => {
      results = await roundRobin(urls, count, (url) => placeOrder(url, { apiKey: this.apiKey }));
    }, { requests: count, key: 'first', replicas: replicaCount }),
  );
  this.recordRequests('burst', results);
  this.setSample('current', results);
  this.evidence.notes.burstByReplica = results.map((result) => ({ replica: result.replica, status: result.status ?? result.error, ratelimit: result.headers['ratelimit'] ?? null }));
});

Then('the order service let {int} requests through without the shared rate limit', async function (this: FaultlineWorld, count: number) {
  this.expect(storeErrorsVerdict(this.metricsAtStart, await this.scrapeMetrics(), 'allowed', count));
});

Then('every {status} is a problem document of type {string} with a Retry-After of {int} second(s)', function (this: FaultlineWorld, status: number, type: string, seconds: number) {
  this.expect(problemAnswersVerdict(this.sample('current').filter((result) => result.status === status), type, seconds));
});

Then('requests with the second API key are metered by the shared rate limit again within {duration}', async function (this: FaultlineWorld, ms: number) {
  const { verdict } = await timeUntil(
    'time until the shared rate limit meters requests again',
    () => probe(this.serviceUrl, { path: '/orders/00000000-0000-4000-8000-000000000000', headers: { 'x-api-key': this.stack.secret('api-key-2') }, timeoutMs: 2_000 }),
    (result) => metered(result.headers),
    { expected: 'an answer carrying the RateLimit header (the bucket in Redis was asked)', boundMs: ms, intervalMs: 50 },
  );
  this.expect(verdict);
});

After({ tags: '@shared-rate-limit' }, async function (this: FaultlineWorld) {
  await extraReplicas.get(this)?.stop();
});
