// Order events (features/events.feature): the transactional outbox, JetStream, the fulfilment
// worker and its dead-letter stream, judged by the events checker (src/events/).
import { Then, When } from '@cucumber/cucumber';
import { deadLetterVerdicts, drainRateVerdict, eventLatencyFigures, expectCallsOncePerOrder, expectEventsDelivered, expectRedeliveryGaps } from '../src/events/event-expectations.js';
import { journeyFromLog, redeliveryGaps } from '../src/events/event-journey.js';
import { eventsNames, workerSettings } from '../src/events/events-config.js';
import type { EventObserver } from '../src/events/event-observation.js';
import { eventually } from '../src/units/eventually.js';
import { expectAtLeast } from '../src/probes/expectations.js';
import { counterDelta } from '../src/probes/service-metrics.js';
import { placeOrdersPaced, placeOrdersSequentially, sampleOrder, type OrderResult } from '../src/probes/orders.js';
import { withinMs } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';

function observer(world: FaultlineWorld): EventObserver {
  if (!world.events) throw new FaultlineError('FL_MISSING_CAPABILITY', 'this step needs the events stack, which starts only for @events scenarios: tag the scenario or its feature @events');
  return world.events;
}

function ordersOf(world: FaultlineWorld): OrderResult[] {
  return [...world.samples.values()].flat() as OrderResult[];
}

function lastOrderId(world: FaultlineWorld): Promise<string> {
  return observer(world).orderIdOf(world.lastOrderKey());
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
  if (!this.inFlight) throw new FaultlineError('FL_MISSING_STEP', 'no orders are being placed in this scenario');
  this.setSample('current', await this.inFlight);
  this.inFlight = undefined;
});

When('the shipping upstream has received the last order', async function (this: FaultlineWorld) {
  await observer(this).untilShipmentRequested(await lastOrderId(this), withinMs(10_000));
});

When('the fulfilment worker has recorded the last order as processed', async function (this: FaultlineWorld) {
  await observer(this).untilProcessed(await lastOrderId(this), withinMs(10_000));
});

async function shippedExactlyOnce(world: FaultlineWorld, withinNominalMs: number, allowDeadLetters: boolean): Promise<void> {
  const outcome = await observer(world).settle(world.acknowledgedOrderKeys(), withinMs(withinNominalMs));
  world.eventsReport = outcome.settled.report;
  world.evidence.notes.eventsSettledMs = Math.round(outcome.ms);
  const acknowledged = new Set(world.acknowledgedOrderKeys());
  const latencies = await observer(world).shipmentLatencies(ordersOf(world).filter((order) => acknowledged.has(order.idempotencyKey)));
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
  if (!this.eventsReport) throw new FaultlineError('FL_MISSING_STEP', 'check the shipments first ("every order is shipped exactly once")');
  this.expect(expectCallsOncePerOrder(this.eventsReport));
});

Then('the order for customer {string} was dead-lettered after exactly {int} deliveries with {int} errors recorded', async function (this: FaultlineWorld, customerId: string, deliveries: number, errors: number) {
  const keys = (this.samples.get(`orders for ${customerId}`) ?? []).map((result) => (result as Partial<OrderResult>).idempotencyKey).filter((key): key is string => key !== undefined);
  if (keys.length !== 1) throw new FaultlineError('FL_MISSING_STEP', `this step reads the one order placed for customer ${customerId} ("When 1 order is placed for customer \"${customerId}\""), found ${keys.length}`);
  const { orderId, letter } = await observer(this).deadLetterOf(keys[0]!);
  this.evidence.notes.deadLetter = letter ?? null;
  for (const check of deadLetterVerdicts(orderId, letter, deliveries, errors)) this.expect(check);
});

Then('the redelivery gaps of the order for customer {string} stay inside the envelope of base {duration} and cap {duration}', async function (this: FaultlineWorld, customerId: string, baseMs: number, capMs: number) {
  const letter = this.evidence.notes.deadLetter as { eventId: string; deliveries: number } | null | undefined;
  if (!letter) throw new FaultlineError('FL_MISSING_STEP', `the order for customer ${customerId} was not dead-lettered (check that first)`);
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
  if (!report || settledMs === undefined) throw new FaultlineError('FL_MISSING_STEP', 'check the shipments first ("every order is shipped exactly once")');
  this.expect(drainRateVerdict(ordersOf(this), report.shippedOnce, settledMs, perSecond, workerSettings));
});

When('the shipping upstream has received {int} shipment requests', async function (this: FaultlineWorld, count: number) {
  await observer(this).untilShipmentRequests(count, withinMs(15_000));
});

When('the outbox relay has seen {int} publish(es) go unacknowledged', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  await eventually(async () => counterDelta(this.metricsAtStart, await this.scrapeMetrics(), 'outbox_publish_failures_total'), (failures) => failures >= count, {
    expected: `outbox_publish_failures_total up by ${count}`,
    withinMs: withinMs(15_000),
    intervalMs: 100,
  });
});
