// Order events (features/events.feature): the transactional outbox, JetStream, the fulfilment
// worker and its dead-letter stream, judged by the events checker (src/events/).
import { Then, When } from '@cucumber/cucumber';
import { eventLatencyFigures, expectCallsOncePerOrder, expectEventsDelivered, expectRedeliveryGaps } from '../src/events/event-expectations.js';
import { journeyFromLog, redeliveryGaps } from '../src/events/event-journey.js';
import { eventsNames, workerSettings } from '../src/events/events-config.js';
import type { EventObserver } from '../src/events/event-observation.js';
import { sql } from '../src/dr/database-control.js';
import { eventually } from '../src/units/eventually.js';
import { expectAtLeast, expectExactCount } from '../src/probes/expectations.js';
import { counterDelta } from '../src/probes/service-metrics.js';
import { placeOrdersPaced, placeOrdersSequentially, sampleOrder, type OrderResult } from '../src/probes/orders.js';
import { withinMs } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';

function observer(world: FaultlineWorld): EventObserver {
  if (!world.events) throw new Error('this step needs the events stack: tag the scenario or its feature @events');
  return world.events;
}

function ordersOf(world: FaultlineWorld): OrderResult[] {
  return [...world.samples.values()].flat() as OrderResult[];
}

async function lastOrderId(world: FaultlineWorld): Promise<string> {
  const key = world.lastOrderKey();
  const [id] = await sql(world.stack.topology.service(eventsNames.database), `SELECT id FROM orders WHERE idempotency_key = '${key}'`);
  if (!id) throw new Error(`the last order (idempotency key ${key}) is not in the database`);
  return id;
}

When('{int} order(s) is/are placed for customer {string}', async function (this: FaultlineWorld, count: number, customerId: string) {
  await this.ready();
  const results = await placeOrdersSequentially(this.serviceUrl, count, { apiKey: this.apiKey, payload: { ...sampleOrder(), customerId } });
  this.setSample(`orders for ${customerId}`, results);
});

When('{int} orders are being placed at {int} per second', async function (this: FaultlineWorld, count: number, perSecond: number) {
  await this.ready();
  this.inFlight = placeOrdersPaced(this.serviceUrl, count, perSecond, { apiKey: this.apiKey });
});

When('the orders being placed are done', async function (this: FaultlineWorld) {
  if (!this.inFlight) throw new Error('no orders are being placed in this scenario');
  this.setSample('current', await this.inFlight);
  this.inFlight = undefined;
});

When('the shipping upstream has received the last order', async function (this: FaultlineWorld) {
  const orderId = await lastOrderId(this);
  const events = observer(this);
  await eventually(async () => (await events.shippingCalls()).filter((call) => call.orderId === orderId).length, (calls) => calls >= 1, {
    expected: `a shipment request for order ${orderId}`,
    withinMs: withinMs(10_000),
    intervalMs: 20,
  });
});

When('the fulfilment worker has recorded the last order as processed', async function (this: FaultlineWorld) {
  const orderId = await lastOrderId(this);
  const database = this.stack.topology.service(eventsNames.database);
  await eventually(async () => (await sql(database, `SELECT count(*) FROM processed_events WHERE order_id = '${orderId}'`, eventsNames.workerDatabase))[0], (count) => count === '1', {
    expected: `order ${orderId} in the worker's processed events`,
    withinMs: withinMs(10_000),
    intervalMs: 20,
  });
});

async function shippedExactlyOnce(world: FaultlineWorld, withinNominalMs: number, allowDeadLetters: boolean): Promise<void> {
  const outcome = await observer(world).settle(world.acknowledgedOrderKeys(), withinMs(withinNominalMs));
  world.eventsReport = outcome.settled.report;
  world.evidence.notes.eventsSettledMs = Math.round(outcome.ms);
  const started = new Map(ordersOf(world).map((result) => [result.idempotencyKey, result.startedAt]));
  const shippedAt = new Map<string, number>();
  for (const call of await observer(world).shippingCalls()) if (call.orderId && call.status !== null && call.status < 300) shippedAt.set(call.orderId, Math.min(call.arrivedAt, shippedAt.get(call.orderId) ?? Infinity));
  const rows = await sql(world.stack.topology.service(eventsNames.database), `SELECT idempotency_key, id FROM orders WHERE idempotency_key IN (${world.acknowledgedOrderKeys().map((key) => `'${key}'`).join(',') || "''"})`);
  const latencies = rows.flatMap((row) => {
    const [key, id] = row.split('|') as [string, string];
    const from = started.get(key);
    const to = shippedAt.get(id);
    return from === undefined || to === undefined ? [] : [to - from];
  });
  if (latencies.length > 0) world.evidence.measurements.push(eventLatencyFigures(latencies));
  world.expect(expectEventsDelivered(outcome, withinNominalMs, allowDeadLetters));
}

Then('within {duration} every order is shipped exactly once', async function (this: FaultlineWorld, within: number) {
  await shippedExactlyOnce(this, within, false);
});

Then('within {duration} every order is shipped exactly once or dead-lettered', async function (this: FaultlineWorld, within: number) {
  await shippedExactlyOnce(this, within, true);
});

Then('the shipping upstream was called exactly once per order', function (this: FaultlineWorld) {
  if (!this.eventsReport) throw new Error('check the shipments first ("every order is shipped exactly once")');
  this.expect(expectCallsOncePerOrder(this.eventsReport));
});

Then('the order for customer {string} was dead-lettered after exactly {int} deliveries with {int} errors recorded', async function (this: FaultlineWorld, customerId: string, deliveries: number, errors: number) {
  const keys = (this.samples.get(`orders for ${customerId}`) ?? []).map((result) => (result as Partial<OrderResult>).idempotencyKey).filter((key): key is string => key !== undefined);
  if (keys.length !== 1) throw new Error(`expected one order placed for customer ${customerId}, found ${keys.length}`);
  const [orderId] = await sql(this.stack.topology.service(eventsNames.database), `SELECT id FROM orders WHERE idempotency_key = '${keys[0]}'`);
  const letter = (await (await observer(this).brokerClient()).deadLetters()).find((candidate) => candidate.orderId === orderId);
  const detail = letter ? `dead letter of order ${orderId}: ${letter.deliveries} deliveries, attempts ${letter.attempts.map((attempt) => `#${attempt.delivery} ${attempt.error}`).join('; ')}` : `order ${orderId} is not in the dead-letter stream`;
  this.evidence.notes.deadLetter = letter ?? null;
  this.expect(expectExactCount('deliveries before dead-lettering', letter?.deliveries ?? 0, deliveries, detail));
  this.expect(expectExactCount('failed attempts recorded in the dead letter', letter?.attempts.length ?? 0, errors, detail));
});

Then('the redelivery gaps of the order for customer {string} stay inside the envelope of base {duration} and cap {duration}', async function (this: FaultlineWorld, customerId: string, baseMs: number, capMs: number) {
  const letter = this.evidence.notes.deadLetter as { eventId: string; deliveries: number } | null | undefined;
  if (!letter) throw new Error(`the order for customer ${customerId} was not dead-lettered (check that first)`);
  const log = await this.stack.topology.service(eventsNames.worker).logsSince(this.scenarioStartedAt);
  const gaps = redeliveryGaps(journeyFromLog(log, eventsNames.worker, this.scenarioStartedAt), letter.eventId);
  this.expect(expectRedeliveryGaps(gaps, baseMs, capMs, letter.deliveries - 1));
});

Then('JetStream dropped at least {int} duplicate publish(es) of the relay', async function (this: FaultlineWorld, count: number) {
  const delta = counterDelta(this.metricsAtStart, await this.scrapeMetrics(), 'outbox_duplicates_total');
  this.expect(expectAtLeast('relay publishes JetStream acknowledged as duplicates', delta, count, 'outbox_duplicates_total since the scenario began'));
});

Then('the events drained at {int} or more orders per second', function (this: FaultlineWorld, perSecond: number) {
  const report = this.eventsReport;
  const settledMs = this.evidence.notes.eventsSettledMs as number | undefined;
  if (!report || settledMs === undefined) throw new Error('check the shipments first ("every order is shipped exactly once")');
  const placed = ordersOf(this);
  const first = Math.min(...placed.map((result) => result.startedAt));
  const last = Math.max(...placed.map((result) => result.startedAt + result.durationMs));
  const drainMs = last - first + settledMs;
  const rate = (report.shippedOnce * 1000) / drainMs;
  this.expect(expectAtLeast('orders shipped per second, from the first order to the last shipment', Number(rate.toFixed(1)), perSecond, `${report.shippedOnce} orders in ${drainMs.toFixed(0)} ms (placing took ${(last - first).toFixed(0)} ms, the rest ${settledMs} ms); worker settings ${JSON.stringify(workerSettings)}`));
});

When('the shipping upstream has received {int} shipment requests', async function (this: FaultlineWorld, count: number) {
  const events = observer(this);
  await eventually(async () => (await events.shippingCalls()).length, (calls) => calls >= count, {
    expected: `at least ${count} shipment requests`,
    withinMs: withinMs(15_000),
    intervalMs: 20,
  });
});

When('the outbox relay has seen {int} publish(es) go unacknowledged', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  await eventually(async () => counterDelta(this.metricsAtStart, await this.scrapeMetrics(), 'outbox_publish_failures_total'), (failures) => failures >= count, {
    expected: `outbox_publish_failures_total up by ${count}`,
    withinMs: withinMs(15_000),
    intervalMs: 100,
  });
});
