// The order cache and the order saga (features/cache.feature, features/saga.feature), judged by the
// service's own metrics, the order versions it answers and the integrity checker (src/saga/).
import { Then, When } from '@cucumber/cucumber';
import { describeIntegrity, integrityHolds } from '../src/saga/integrity-checker.js';
import { settleIntegrity } from '../src/saga/integrity-observation.js';
import { sagaNames } from '../src/saga/saga-config.js';
import { eventually } from '../src/units/eventually.js';
import { expectAtLeast, expectExactCount, expectPercentileWithin } from '../src/probes/expectations.js';
import { probe, type ProbeResult } from '../src/probes/http-probe.js';
import { placeOrder, readOrderRepeatedly } from '../src/probes/orders.js';
import { counterDelta } from '../src/probes/service-metrics.js';
import type { Sample } from '../src/probes/prometheus-text.js';
import { timeUntil } from '../src/probes/time-until.js';
import { withinMs } from '../src/units/tolerance.js';
import { percentile } from '../src/units/stats.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';

/** The id of the last order this scenario placed and got a 2xx for. */
function lastOrderId(world: FaultlineWorld): string {
  const placed = [...world.samples.values()].flat().filter((result) => result.status === 201 && result.method === 'POST');
  const last = placed.at(-1);
  if (!last) throw new FaultlineError('FL_MISSING_STEP', 'no order was acknowledged in this scenario');
  return (JSON.parse(last.body) as { id: string }).id;
}

function readOrder(world: FaultlineWorld, id: string): Promise<ProbeResult> {
  return probe(world.serviceUrl, { method: 'GET', path: `/orders/${id}`, headers: { 'x-api-key': world.apiKey }, timeoutMs: 5_000 });
}

const readMetricsBefore = new WeakMap<FaultlineWorld, Sample[]>();

When('the last order is read {int} times', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  const id = lastOrderId(this);
  readMetricsBefore.set(this, await this.scrapeMetrics());
  const reads: ProbeResult[] = [];
  for (let index = 0; index < count; index++) reads.push(await readOrder(this, id));
  // The generic "every request ..." steps read the current sample; the orders placed before stay findable.
  const current = this.samples.get('current');
  if (current?.some((result) => result.method === 'POST')) this.samples.set('placed', [...(this.samples.get('placed') ?? []), ...current]);
  this.setSample('reads', reads);
  this.samples.set('current', reads);
  // Recorded for every batch of reads: how fast, and where the answers came from.
  const after = await this.scrapeMetrics();
  const before = readMetricsBefore.get(this)!;
  const durations = reads.map((read) => read.durationMs);
  this.evidence.measurements.push({
    label: 'read latency p(50)',
    measured: Number(percentile(durations, 50).toFixed(1)),
    unit: 'ms',
    bound: 'recorded',
    ok: true,
    detail: `${count} reads: p(50) ${percentile(durations, 50).toFixed(1)} ms, p(99) ${percentile(durations, 99).toFixed(1)} ms; cache hits ${counterDelta(before, after, 'cache_hits_total')}, misses ${counterDelta(before, after, 'cache_misses_total')}, fallbacks ${counterDelta(before, after, 'cache_fallbacks_total', { operation: 'read' })}`,
  });
});

When('the last order is cancelled', async function (this: FaultlineWorld) {
  await this.ready();
  const id = lastOrderId(this);
  const result = await probe(this.serviceUrl, { method: 'POST', path: `/orders/${id}/cancel`, headers: { 'x-api-key': this.apiKey }, timeoutMs: 5_000 });
  this.recordRequests('cancel', [result]);
  this.expect(expectExactCount('status of the cancellation', result.status ?? 0, 200, result.body.slice(0, 200)));
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

When('the {service} upstream has answered {int} {route} request(s)', async function (this: FaultlineWorld, service: string, count: number, route: string) {
  const upstream = this.upstream(service);
  await eventually(async () => (await upstream.journal(route)).requests.filter((entry) => entry.outcome !== null).length, (answered) => answered >= count, {
    expected: `${count} ${route} requests answered by ${service}`,
    withinMs: withinMs(10_000),
    intervalMs: 10,
  });
});

Then('the order service counted {int} cache fallbacks for those reads', async function (this: FaultlineWorld, count: number) {
  const delta = counterDelta(readMetricsBefore.get(this) ?? this.metricsAtStart, await this.scrapeMetrics(), 'cache_fallbacks_total', { operation: 'read' });
  this.expect(expectExactCount('reads served around the cache', delta, count, 'cache_fallbacks_total{operation="read"} over the reads'));
});

Then('at least {percent} of those reads were cache hits', async function (this: FaultlineWorld, share: number) {
  const after = await this.scrapeMetrics();
  const before = readMetricsBefore.get(this) ?? this.metricsAtStart;
  const hits = counterDelta(before, after, 'cache_hits_total');
  const reads = this.sample('reads').length;
  this.expect(expectAtLeast('share of reads answered from the cache (%)', Math.round((hits / reads) * 1000) / 10, share * 100, `${hits} hits of ${reads} reads (misses ${counterDelta(before, after, 'cache_misses_total')}, fallbacks ${counterDelta(before, after, 'cache_fallbacks_total', { operation: 'read' })})`));
});

Then('the {percentile} read latency stayed within {duration}', function (this: FaultlineWorld, p: number, ms: number) {
  this.expect(expectPercentileWithin(this.sample('reads'), p, { maxMs: ms }));
});

Then('every read of the last order for {duration} shows version {int}', async function (this: FaultlineWorld, forMs: number, version: number) {
  const id = lastOrderId(this);
  const reads = await readOrderRepeatedly(this.serviceUrl, id, this.apiKey, forMs);
  const seen = reads.map((result) => (result.status === 200 ? (JSON.parse(result.body) as { version: number }).version : `status ${result.status ?? result.error}`));
  const wrong = seen.filter((value) => value !== version);
  this.evidence.notes.versionsRead = { reads: seen.length, versions: [...new Set(seen)] };
  this.expect(expectExactCount(`reads that did not show version ${version}`, wrong.length, 0, `${seen.length} reads over ${forMs} ms; seen ${[...new Set(seen)].join(', ')}`));
});

Then('within {duration} the integrity checker finds every charge and reservation accounted for', async function (this: FaultlineWorld, within: number) {
  const outcome = await settleIntegrity(this.stack, this.acknowledgedOrderKeys(), withinMs(within));
  this.evidence.notes.integrity = { ...outcome.report, settledMs: Math.round(outcome.ms), compensationsInProgress: outcome.stuck };
  this.expect({
    label: 'integrity: charges and reservations accounted for',
    measured: outcome.report.charges,
    unit: 'charges',
    bound: 'no orphan, nothing compensated twice',
    ok: outcome.ok && integrityHolds(outcome.report),
    detail: `${describeIntegrity(outcome.report)}; ${outcome.stuck === 0 ? 'no compensation in progress' : `${outcome.stuck} compensations still in progress`} after ${Math.round(outcome.ms)} ms`,
  });
});

Then('the integrity checker counted {int} charge(s), {int} refund(s), {int} reservation(s) and {int} release(s)', function (this: FaultlineWorld, charges: number, refunds: number, reservations: number, releases: number) {
  const report = this.evidence.notes.integrity as { charges: number; refunds: number; reservations: number; releases: number } | undefined;
  if (!report) throw new FaultlineError('FL_MISSING_STEP', 'run the integrity check first ("the integrity checker finds every charge and reservation accounted for")');
  const seen = `${report.charges} charges, ${report.refunds} refunds, ${report.reservations} reservations, ${report.releases} releases`;
  this.expect(expectExactCount('charges', report.charges, charges, seen));
  this.expect(expectExactCount('refunds', report.refunds, refunds, seen));
  this.expect(expectExactCount('reservations', report.reservations, reservations, seen));
  this.expect(expectExactCount('releases', report.releases, releases, seen));
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
      await readOrder(this, id);
      return counterDelta(before, await this.scrapeMetrics(), 'cache_hits_total');
    },
    (hits) => hits === 1,
    { expected: 'a read answered from the cache', boundMs: within, intervalMs: 25 },
  );
  this.expect(verdict);
});

When('the order service has failed {int} compensation attempt(s)', async function (this: FaultlineWorld, count: number) {
  await eventually(
    async () => {
      const now = await this.scrapeMetrics();
      return counterDelta(this.metricsAtStart, now, 'saga_compensation_failures_total', { step: 'release' }) + counterDelta(this.metricsAtStart, now, 'saga_compensation_failures_total', { step: 'refund' });
    },
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
  const ids = [...this.samples.values()].flat().filter((result) => result.status === 201 && result.method === 'POST').map((result) => (JSON.parse(result.body) as { id: string }).id);
  readMetricsBefore.set(this, await this.scrapeMetrics());
  const reads: ProbeResult[] = [];
  for (const id of ids) reads.push(await readOrder(this, id));
  const current = this.samples.get('current');
  if (current?.some((result) => result.method === 'POST')) this.samples.set('placed', [...(this.samples.get('placed') ?? []), ...current]);
  this.setSample('reads', reads);
  this.samples.set('current', reads);
});

Then('the order service counted {int} cache misses for those reads', async function (this: FaultlineWorld, count: number) {
  const delta = counterDelta(readMetricsBefore.get(this) ?? this.metricsAtStart, await this.scrapeMetrics(), 'cache_misses_total');
  this.expect(expectExactCount('reads the cache did not hold', delta, count, 'cache_misses_total over the reads'));
});
