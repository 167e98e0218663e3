// What the events checker reads after a scenario: the scenario's acknowledged orders and their
// outbox events (the orders database), every call the shipping upstream journaled, and the
// dead-letter stream; then the verdict of src/events/event-checker.ts.
import { sql } from '../dr/database-control.js';
import { eventually } from '../units/eventually.js';
import type { Stack } from '../stack/stack.js';
import { BrokerClient, type ConsumerState, type DeadLetter } from './broker-client.js';
import { checkEvents, eventsHold, type AcknowledgedOrder, type EventCheckReport, type ShippingCall } from './event-checker.js';
import { eventsNames } from './events-config.js';

const uuid = /^[0-9a-f-]{36}$/i;
const quoted = (values: readonly string[]) => values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',');

export interface EventsSettled {
  readonly report: EventCheckReport;
  /** The outbox still held events, or the consumer had messages not yet delivered or acknowledged. */
  readonly backlog: number;
  readonly consumer: ConsumerState;
}

export class EventObserver {
  private broker: BrokerClient | undefined;

  constructor(private readonly stack: Stack) {}

  async brokerClient(): Promise<BrokerClient> {
    this.broker ??= await BrokerClient.connect(`nats://127.0.0.1:${this.stack.topology.service(eventsNames.broker).mappedPort(4222)}`);
    return this.broker;
  }

  /** Events stored and not yet acknowledged by JetStream. */
  async outboxBacklog(): Promise<number> {
    const [count] = await sql(this.database, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL');
    return Number(count ?? 0);
  }

  /** Events the fulfilment worker recorded as processed (its own database). */
  async processedCount(): Promise<number> {
    const [count] = await sql(this.database, 'SELECT count(*) FROM processed_events', eventsNames.workerDatabase).catch(() => ['0']);
    return Number(count ?? 0);
  }

  private get database() {
    return this.stack.topology.service(eventsNames.database);
  }

  async shippingCalls(): Promise<ShippingCall[]> {
    const journal = await this.stack.upstream(eventsNames.shipping).journal();
    return journal.requests
      .filter((entry) => eventsNames.shipmentRoute.test(entry.route))
      .map((entry) => ({
        orderId: entry.headers['x-order-id'] ?? null,
        eventId: entry.idempotencyKey,
        status: entry.status,
        outcome: entry.outcome,
        arrivedAt: entry.arrivedAt,
      }));
  }

  async check(acknowledgedKeys: readonly string[]): Promise<EventsSettled> {
    // What is still in flight is read first: a shipment comes before its ack, so with nothing in
    // flight at this moment, the journal read after it holds every shipment made so far.
    const broker = await this.brokerClient();
    const consumer = await broker.consumerState();
    const backlog = (await this.outboxBacklog()) + consumer.pending + consumer.ackPending;
    const orders: AcknowledgedOrder[] = [];
    const found = new Set<string>();
    if (acknowledgedKeys.length > 0) {
      const rows = await sql(this.database, `SELECT o.idempotency_key, o.id, coalesce(e.id::text, '') FROM orders o LEFT JOIN outbox e ON e.order_id = o.id WHERE o.idempotency_key IN (${quoted(acknowledgedKeys)})`);
      for (const row of rows) {
        const [key, orderId, eventId] = row.split('|') as [string, string, string];
        found.add(key);
        orders.push({ orderId, idempotencyKey: key, ...(eventId === '' ? {} : { eventId }) });
      }
    }
    const calls = await this.shippingCalls();
    const named = [...new Set(calls.map((call) => call.orderId).filter((id): id is string => id !== null && uuid.test(id)))];
    const existing = new Set(named.length === 0 ? [] : await sql(this.database, `SELECT id FROM orders WHERE id IN (${quoted(named)})`));
    const report = checkEvents({
      orders,
      missingOrders: acknowledgedKeys.filter((key) => !found.has(key)),
      calls,
      deadLetters: await broker.deadLetters(),
      existingOrderIds: existing,
    });
    return { report, backlog, consumer };
  }

  /**
   * Polls until nothing is in flight any more (outbox empty, every message delivered and acknowledged,
   * every order shipped or dead-lettered) or the time is up, and returns the last check with how long
   * it took: once settled, a duplicated shipment is final, so the verdict need not wait out the bound.
   */
  async settle(acknowledgedKeys: readonly string[], withinMs: number): Promise<{ settled: EventsSettled; ms: number; ok: boolean }> {
    const started = performance.now();
    let last: EventsSettled | undefined;
    try {
      await eventually(
        async () => (last = await this.check(acknowledgedKeys)),
        // A nak-ed message waiting out its redelivery delay counts as neither pending nor unacknowledged
        // in the consumer's figures, so "nothing in flight" also needs every order accounted for.
        (state) => state.backlog === 0 && state.report.lost.length === 0,
        { expected: 'every event published, delivered and acknowledged, and every order shipped or dead-lettered', withinMs, intervalMs: 200 },
      );
      return { settled: last!, ms: performance.now() - started, ok: eventsHold(last!.report) };
    } catch {
      return { settled: last ?? (await this.check(acknowledgedKeys)), ms: performance.now() - started, ok: false };
    }
  }

  /** The id the service gave the order placed under `key`. */
  async orderIdOf(key: string): Promise<string> {
    const [id] = await sql(this.database, `SELECT id FROM orders WHERE idempotency_key IN (${quoted([key])})`);
    if (!id) throw new Error(`the order placed under idempotency key ${key} is not in the database`);
    return id;
  }

  /** Waits until the shipping upstream has received a shipment request for the order. */
  async untilShipmentRequested(orderId: string, withinMs: number): Promise<void> {
    await eventually(async () => (await this.shippingCalls()).filter((call) => call.orderId === orderId).length, (calls) => calls >= 1, {
      expected: `a shipment request for order ${orderId}`,
      withinMs,
      intervalMs: 20,
    });
  }

  /** Waits until the shipping upstream has received `count` shipment requests in all. */
  async untilShipmentRequests(count: number, withinMs: number): Promise<void> {
    await eventually(async () => (await this.shippingCalls()).length, (calls) => calls >= count, { expected: `at least ${count} shipment requests`, withinMs, intervalMs: 20 });
  }

  /** Waits until the fulfilment worker has recorded the order's event as processed (its own database). */
  async untilProcessed(orderId: string, withinMs: number): Promise<void> {
    await eventually(async () => (await sql(this.database, `SELECT count(*) FROM processed_events WHERE order_id IN (${quoted([orderId])})`, eventsNames.workerDatabase))[0], (count) => count === '1', {
      expected: `order ${orderId} in the worker's processed events`,
      withinMs,
      intervalMs: 20,
    });
  }

  /** From placing each order to its first successful shipment request, in ms (orders not shipped are left out). */
  async shipmentLatencies(placed: ReadonlyArray<{ readonly idempotencyKey: string; readonly startedAt: number }>): Promise<number[]> {
    if (placed.length === 0) return [];
    const shippedAt = new Map<string, number>();
    for (const call of await this.shippingCalls()) {
      if (call.orderId && call.status !== null && call.status < 300) shippedAt.set(call.orderId, Math.min(call.arrivedAt, shippedAt.get(call.orderId) ?? Infinity));
    }
    const startedAt = new Map(placed.map((order) => [order.idempotencyKey, order.startedAt]));
    const rows = await sql(this.database, `SELECT idempotency_key, id FROM orders WHERE idempotency_key IN (${quoted(placed.map((order) => order.idempotencyKey))})`);
    return rows.flatMap((row) => {
      const [key, id] = row.split('|') as [string, string];
      const from = startedAt.get(key);
      const to = shippedAt.get(id);
      return from === undefined || to === undefined ? [] : [to - from];
    });
  }

  /** The order placed under `key` and its dead letter, if it was dead-lettered. */
  async deadLetterOf(key: string): Promise<{ readonly orderId: string; readonly letter: DeadLetter | undefined }> {
    const orderId = await this.orderIdOf(key);
    const letter = (await (await this.brokerClient()).deadLetters()).find((candidate) => candidate.orderId === orderId);
    return { orderId, letter };
  }

  /** Empties the streams and waits until the outbox is drained, so that a scenario starts clean. */
  async reset(): Promise<void> {
    await (await this.brokerClient()).purge();
  }

  async close(): Promise<void> {
    await this.broker?.close();
    this.broker = undefined;
  }
}
