import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEvents, eventsHold, type ShippingCall } from './event-checker.js';

const call = (orderId: string, status: number | null, outcome = 'answered', arrivedAt = 0): ShippingCall => ({ orderId, eventId: `e-${orderId}`, status, outcome, arrivedAt });
const orders = ['a', 'b', 'c'].map((orderId) => ({ orderId, idempotencyKey: `k-${orderId}`, eventId: `e-${orderId}` }));
const letter = (orderId: string) => ({ eventId: `e-${orderId}`, orderId, deliveries: 4, attempts: [], deadLetteredAt: '' });

describe('checkEvents', () => {
  it('passes when every order shipped once or was dead-lettered', () => {
    const report = checkEvents({ orders, missingOrders: [], calls: [call('a', 201), call('b', 503), call('b', 200), call('c', 422)], deadLetters: [letter('c')], existingOrderIds: new Set(['a', 'b', 'c']) });
    assert.equal(report.shippedOnce, 2);
    assert.equal(report.deadLettered, 1);
    assert.deepEqual(report.callsPerOrder, { a: 1, b: 2, c: 1 });
    assert.ok(eventsHold(report));
  });

  it('finds a lost, a duplicated and an unexpected shipment', () => {
    const report = checkEvents({ orders, missingOrders: [], calls: [call('a', 200), call('a', 200), call('b', 200), call('ghost', 200)], deadLetters: [], existingOrderIds: new Set(['a', 'b']) });
    assert.deepEqual(report.duplicated, ['a']);
    assert.deepEqual(report.lost, ['c']);
    assert.deepEqual(report.unexpected, ['ghost']);
    assert.equal(eventsHold(report), false);
  });

  it('does not count an answer the worker never received as a shipment', () => {
    const report = checkEvents({ orders: orders.slice(0, 1), missingOrders: [], calls: [call('a', 200, 'client-aborted'), call('a', 200)], deadLetters: [], existingOrderIds: new Set(['a']) });
    assert.equal(report.shippedOnce, 1);
    assert.ok(eventsHold(report));
  });

  it('flags an order both shipped and dead-lettered', () => {
    const report = checkEvents({ orders: orders.slice(0, 1), missingOrders: [], calls: [call('a', 200)], deadLetters: [letter('a')], existingOrderIds: new Set(['a']) });
    assert.deepEqual(report.shippedAndDeadLettered, ['a']);
    assert.equal(eventsHold(report), false);
  });
});
