import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIntegrity, integrityHolds } from './integrity-checker.js';

const key = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const saga = (n: number) => `10000000-0000-4000-8000-00000000000${n}`;
const charge = (n: number) => ({ key: key(n), path: '/charges' });
const reservation = (n: number) => ({ key: saga(n), path: '/reservations' });
const release = (n: number, attempt = '') => ({ key: `release-${saga(n)}${attempt}`, path: `/reservations/${saga(n)}` });
const refund = (n: number, attempt = '') => ({ key: `refund-${key(n)}${attempt}`, path: '/refunds' });

describe('checkIntegrity', () => {
  it('accounts for a stored order and a compensated saga', () => {
    const report = checkIntegrity({
      charges: [charge(1), charge(2)],
      refunds: [refund(2), refund(2)],
      reservations: [reservation(1), reservation(2)],
      releases: [release(2), release(2)],
      stored: [{ idempotencyKey: key(1), sagaId: saga(1) }],
      acknowledged: [key(1)],
    });
    assert.ok(integrityHolds(report), JSON.stringify(report));
    assert.equal(report.refunds, 1, 'a retried refund under one key is one refund');
    assert.deepEqual(report.releasesPerReservation, { [saga(2)]: 1 });
  });

  it('finds an orphan charge and an orphan reservation (no compensation)', () => {
    const report = checkIntegrity({ charges: [charge(3)], refunds: [], reservations: [reservation(3)], releases: [], stored: [], acknowledged: [] });
    assert.deepEqual(report.orphanCharges, [key(3)]);
    assert.deepEqual(report.orphanReservations, [saga(3)]);
    assert.equal(integrityHolds(report), false);
  });

  it('finds a refund made twice under two keys', () => {
    const report = checkIntegrity({ charges: [charge(4)], refunds: [refund(4, '-1'), refund(4, '-2')], reservations: [reservation(4)], releases: [release(4, '-2')], stored: [], acknowledged: [] });
    assert.deepEqual(report.refundedTwice, [key(4)]);
    assert.equal(integrityHolds(report), false);
  });

  it('finds a stored order without its reservation or charge', () => {
    const report = checkIntegrity({ charges: [], refunds: [], reservations: [], releases: [], stored: [{ idempotencyKey: key(5), sagaId: saga(5) }], acknowledged: [key(5)] });
    assert.deepEqual(report.ordersWithoutCharge, [key(5)]);
    assert.deepEqual(report.ordersWithoutReservation, [key(5)]);
  });

  it('finds an order stored by a recovery (never acknowledged) whose charge the journal does not show', () => {
    const report = checkIntegrity({ charges: [], refunds: [], reservations: [reservation(6)], releases: [], stored: [{ idempotencyKey: key(6), sagaId: saga(6) }], acknowledged: [] });
    assert.deepEqual(report.ordersWithoutCharge, [key(6)]);
    assert.equal(report.storedOrders, 1);
    assert.equal(integrityHolds(report), false);
  });
});
