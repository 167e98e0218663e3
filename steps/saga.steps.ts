// The order cache and the order saga (features/cache.feature, features/saga.feature), judged by the
// service's own metrics, the order versions it answers and the integrity checker (src/saga/).
import { Then, When } from '@cucumber/cucumber';
import { FaultlineError } from '../src/errors.js';
import { expectExactCount, expectPercentileWithin } from '../src/probes/expectations.js';
import type { ProbeResult } from '../src/probes/http-probe.js';
import { cancelOrder, placeOrder, readOrder, readOrderRepeatedly, readOrders } from '../src/probes/orders.js';
import type { Sample } from '../src/probes/prometheus-text.js';
import { timeUntil } from '../src/probes/time-until.js';
import { cacheCountersBetween, cacheFallbacksVerdict, cacheHitShareVerdict, cacheMissesVerdict, failedCompensations, readFigures, versionsReadVerdict, type CacheCounters } from '../src/saga/cache-figures.js';
import { integrityCountVerdicts, settleIntegrity, settledIntegrityVerdict } from '../src/saga/integrity-observation.js';
import { sagaNames } from '../src/saga/saga-config.js';
import { eventually } from '../src/units/eventually.js';
import { withinMs } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';

/** The id of the last order this scenario placed and got a 201 for. */
function lastOrderId(world: FaultlineWorld): string {
  const id = world.acknowledgedOrderIds().at(-1);
  if (id === undefined) throw new FaultlineError('FL_MISSING_STEP', 'no order was acknowledged in this scenario');
  return id;
}

const readMetricsBefore = new WeakMap<FaultlineWorld, Sample[]>();

/** The reads become the current sample (what the generic "every request ..." steps judge); the orders placed before stay findable. */
function setReads(world: FaultlineWorld, reads: ProbeResult[]): void {
  const current = world.samples.get('current');
  if (current?.some((result) => result.method === 'POST')) world.samples.set('placed', [...(world.samples.get('placed') ?? []), ...current]);
  world.setSample('reads', reads);
  world.samples.set('current', reads);
}

async function countersOverReads(world: FaultlineWorld): Promise<CacheCounters> {
  return cacheCountersBetween(readMetricsBefore.get(world) ?? world.metricsAtStart, await world.scrapeMetrics());
}

When('the last order is read {int} times', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  const id = lastOrderId(this);
  readMetricsBefore.set(this, await this.scrapeMetrics());
  const reads = await readOrders(this.serviceUrl, Array.from({ length: count }, () => id), this.apiKey);
  setReads(this, reads);
  this.expect(readFigures(reads, await countersOverReads(this)));
});

When('the last order is cancelled', async function (this: FaultlineWorld) {
  await this.ready();
  const id = lastOrderId(this);
  const result = await cancelOrder(this.serviceUrl, id, this.apiKey);
  this.recordRequests('cancel', [result]);
  cancellations.set(this, result);
});

const cancellations = new WeakMap<FaultlineWorld, ProbeResult>();

Then('the cancellation answered {status}', function (this: FaultlineWorld, status: number) {
  const result = cancellations.get(this);
  if (!result) throw new FaultlineError('FL_MISSING_STEP', 'no order was cancelled in this scenario (When the last order is cancelled)');
  this.expect(expectExactCount('status of the cancellation', result.status ?? 0, status, result.body.slice(0, 200) || (result.error ?? '')));
});

When('an order is being placed', async function (this: FaultlineWorld) {
  await this.ready();
  this.inFlight = placeOrder(this.serviceUrl, { apiKey: this.apiKey, timeoutMs: 15_000 }).then((result) => [result]);
});

When('the order being placed has ended', async function (this: FaultlineWorld) {
  if (!this.inFlight) throw new FaultlineError('FL_MISSING_STEP', 'no order is being placed in this scenario');
  this.setSample('current', await this.inFlight);
  this.inFlight = undefined;
});

When('the {service} upstream has received {int} {route} request(s)', async function (this: FaultlineWorld, service: string, count: number, route: string) {
  const upstream = this.upstream(service);
  await eventually(async () => (await upstream.journal(route)).requests.length, (received) => received >= count, { expected: `${count} ${route} requests at ${service}`, withinMs: withinMs(10_000), intervalMs: 10 });
});

// Answered: the upstream wrote its whole answer (a request the caller gave up on, or that hangs, is not).
When('the {service} upstream has answered {int} {route} request(s)', async function (this: FaultlineWorld, service: string, count: number, route: string) {
  const upstream = this.upstream(service);
  await eventually(async () => (await upstream.journal(route)).requests.filter((entry) => entry.outcome === 'answered').length, (answered) => answered >= count, {
    expected: `${count} ${route} requests answered by ${service}`,
    withinMs: withinMs(10_000),
    intervalMs: 10,
  });
});

Then('the order service counted {int} cache fallbacks for those reads', async function (this: FaultlineWorld, count: number) {
  this.expect(cacheFallbacksVerdict(await countersOverReads(this), count));
});

Then('at least {percent} of those reads were cache hits', async function (this: FaultlineWorld, share: number) {
  this.expect(cacheHitShareVerdict(await countersOverReads(this), this.sample('reads').length, share));
});

Then('the {percentile} read latency stayed within {duration}', function (this: FaultlineWorld, p: number, ms: number) {
  this.expect(expectPercentileWithin(this.sample('reads'), p, { maxMs: ms }));
});

Then('every read of the last order for {duration} shows version {int}', async function (this: FaultlineWorld, forMs: number, version: number) {
  const id = lastOrderId(this);
  const reads = await readOrderRepeatedly(this.serviceUrl, id, this.apiKey, forMs);
  const { verdict, versions } = versionsReadVerdict(reads, version, forMs);
  this.evidence.notes.versionsRead = { reads: reads.length, versions };
  this.expect(verdict);
});

Then('within {duration} the integrity checker finds every charge and reservation accounted for', async function (this: FaultlineWorld, within: number) {
  const outcome = await settleIntegrity(this.stack, this.acknowledgedOrderKeys(), withinMs(within));
  this.evidence.notes.integrity = { ...outcome.report, settledMs: Math.round(outcome.ms), compensationsInProgress: outcome.stuck };
  this.expect(settledIntegrityVerdict(outcome));
});

Then('the integrity checker counted {int} charge(s), {int} refund(s), {int} reservation(s) and {int} release(s)', function (this: FaultlineWorld, charges: number, refunds: number, reservations: number, releases: number) {
  const report = this.evidence.notes.integrity as { charges: number; refunds: number; reservations: number; releases: number } | undefined;
  if (!report) throw new FaultlineError('FL_MISSING_STEP', 'run the integrity check first ("the integrity checker finds every charge and reservation accounted for")');
  for (const check of integrityCountVerdicts(report, { charges, refunds, reservations, releases })) this.expect(check);
});

// The cache answers again: reads of the last order until one is a cache hit, timed (recorded as the
// time the cache took to be used again).
When('the last order is read from the cache within {duration}', async function (this: FaultlineWorld, within: number) {
  await this.ready();
  const id = lastOrderId(this);
  const { verdict } = await timeUntil(
    'time until reads are cache hits',
    async () => {
      const before = await this.scrapeMetrics();
      await readOrder(this.serviceUrl, id, this.apiKey);
      return cacheCountersBetween(before, await this.scrapeMetrics()).hits;
    },
    (hits) => hits === 1,
    { expected: 'a read answered from the cache', boundMs: within, intervalMs: 25 },
  );
  this.expect(verdict);
});

When('the order service has failed {int} compensation attempt(s)', async function (this: FaultlineWorld, count: number) {
  await eventually(
    async () => failedCompensations(this.metricsAtStart, await this.scrapeMetrics()),
    (failures) => failures >= count,
    { expected: `${count} failed compensation attempts (saga_compensation_failures_total)`, withinMs: withinMs(10_000), intervalMs: 50 },
  );
});

When('the cache is emptied', async function (this: FaultlineWorld) {
  await this.stack.topology.service(sagaNames.cache).exec(['redis-cli', 'FLUSHALL']);
});

// Every order this scenario placed, read once each: on an empty cache, every read is a miss.
When('every order placed is read once', async function (this: FaultlineWorld) {
  await this.ready();
  const ids = this.acknowledgedOrderIds();
  readMetricsBefore.set(this, await this.scrapeMetrics());
  setReads(this, await readOrders(this.serviceUrl, ids, this.apiKey));
});

Then('the order service counted {int} cache misses for those reads', async function (this: FaultlineWorld, count: number) {
  this.expect(cacheMissesVerdict(await countersOverReads(this), count));
});
