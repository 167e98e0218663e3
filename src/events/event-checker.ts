// The events checker (DESIGN.md §8, "every paid order shipped exactly once or dead-lettered"): after a
// scenario, every order it had acknowledged was shipped exactly once or is in the dead-letter stream
// with its history; no shipment belongs to an order that does not exist. Reported like the DR
// history checker: counts, and the order ids behind each anomaly.
import type { DeadLetter } from './broker-client.js';

export interface AcknowledgedOrder {
  readonly orderId: string;
  readonly idempotencyKey: string;
  /** The outbox event of the order; undefined when none was stored (events published outside the transaction). */
  readonly eventId?: string;
}

/** One request the shipping upstream journaled on a shipment route. */
export interface ShippingCall {
  readonly orderId: string | null;
  readonly eventId: string | null;
  readonly status: number | null;
  readonly outcome: string;
  readonly arrivedAt: number;
}

export interface EventCheckInput {
  readonly orders: readonly AcknowledgedOrder[];
  /** Keys the client got a 2xx for but the database has no order for (a lost write, reported, not an event matter). */
  readonly missingOrders: readonly string[];
  readonly calls: readonly ShippingCall[];
  readonly deadLetters: readonly DeadLetter[];
  /** Order ids named by shipping calls that exist in the database (the scenario's and any other). */
  readonly existingOrderIds: ReadonlySet<string>;
}

export interface EventCheckReport {
  readonly orders: number;
  readonly shippedOnce: number;
  readonly deadLettered: number;
  /** Shipped more than once. */
  readonly duplicated: readonly string[];
  /** Neither shipped nor dead-lettered. */
  readonly lost: readonly string[];
  /** Shipped although dead-lettered too. */
  readonly shippedAndDeadLettered: readonly string[];
  /** Shipments of orders that do not exist. */
  readonly unexpected: readonly string[];
  /** Orders acknowledged without an outbox event. */
  readonly withoutEvent: readonly string[];
  readonly missingOrders: readonly string[];
  /** Calls to the shipping upstream per order of the scenario (a redelivery that ships again shows here). */
  readonly callsPerOrder: Readonly<Record<string, number>>;
}

/** A call that shipped: a 2xx whose answer reached the worker (an answer into a closed socket shipped nothing). */
function isShipment(call: ShippingCall): boolean {
  return call.status !== null && call.status >= 200 && call.status < 300 && call.outcome === 'answered';
}

export function checkEvents(input: EventCheckInput): EventCheckReport {
  const shipments = new Map<string, number>();
  const calls = new Map<string, number>();
  const unexpected = new Set<string>();
  for (const call of input.calls) {
    if (call.orderId === null) continue;
    calls.set(call.orderId, (calls.get(call.orderId) ?? 0) + 1);
    if (!isShipment(call)) continue;
    shipments.set(call.orderId, (shipments.get(call.orderId) ?? 0) + 1);
    if (!input.existingOrderIds.has(call.orderId)) unexpected.add(call.orderId);
  }
  const deadLettered = new Set(input.deadLetters.map((letter) => letter.orderId));
  const duplicated: string[] = [];
  const lost: string[] = [];
  const both: string[] = [];
  let shippedOnce = 0;
  let dead = 0;
  for (const order of input.orders) {
    const shipped = shipments.get(order.orderId) ?? 0;
    const letter = deadLettered.has(order.orderId);
    if (shipped > 1) duplicated.push(order.orderId);
    if (shipped >= 1 && letter) both.push(order.orderId);
    if (shipped === 1 && !letter) shippedOnce++;
    if (shipped === 0 && letter) dead++;
    if (shipped === 0 && !letter) lost.push(order.orderId);
  }
  const mine = new Set(input.orders.map((order) => order.orderId));
  return {
    orders: input.orders.length,
    shippedOnce,
    deadLettered: dead,
    duplicated,
    lost,
    shippedAndDeadLettered: both,
    unexpected: [...unexpected],
    withoutEvent: input.orders.filter((order) => order.eventId === undefined).map((order) => order.orderId),
    missingOrders: [...input.missingOrders],
    callsPerOrder: Object.fromEntries([...calls].filter(([orderId]) => mine.has(orderId))),
  };
}

/** Whether the report shows every order shipped exactly once or dead-lettered, and nothing else. */
export function eventsHold(report: EventCheckReport): boolean {
  return report.lost.length === 0 && report.duplicated.length === 0 && report.unexpected.length === 0 && report.shippedAndDeadLettered.length === 0;
}

export function describeEventCheck(report: EventCheckReport): string {
  const list = (ids: readonly string[]) => (ids.length === 0 ? '0' : `${ids.length} (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', ...' : ''})`);
  return (
    `${report.orders} acknowledged orders: ${report.shippedOnce} shipped exactly once, ${report.deadLettered} dead-lettered; ` +
    `lost ${list(report.lost)}, duplicated ${list(report.duplicated)}, shipped and dead-lettered ${list(report.shippedAndDeadLettered)}, unexpected shipments ${list(report.unexpected)}` +
    (report.withoutEvent.length > 0 ? `; ${report.withoutEvent.length} orders have no outbox event` : '')
  );
}
