import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvidence } from './evidence.js';
import { measurementFigure, recoveryFigures, retryGapFigures } from './figures.js';

const figure = (label: string, measured: number | null, unit: string, bound: string, ok = true) => measurementFigure({ label, measured, unit, bound, ok });

describe('figures in plain words', () => {
  it('says a time against its bound, and a near miss with its margin and tolerance', () => {
    assert.deepEqual(figure('slowest 503', 16.5, 'ms', '-inf..50 ms (accepted -inf..100.0)'), { text: 'slowest 503: 16.5 ms (bound 50 ms)', ok: true });
    assert.deepEqual(figure('time to the error', 515, 'ms', '-inf..500 ms (accepted -inf..550.0)'), {
      text: 'time to the error: 515 ms, 15 ms over the 500 ms bound, inside the 50 ms tolerance',
      ok: true,
      nearMiss: true,
      marginMs: 15,
    });
    assert.equal(figure('time to the error', 700, 'ms', '-inf..500 ms (accepted -inf..550.0)', false).text, 'time to the error: 700 ms, 200 ms over the 500 ms bound and beyond its 50 ms tolerance');
    assert.equal(figure('fastest request', 199, 'ms', '200..+inf ms (accepted 198.0..+inf)').text, 'fastest request: 199 ms, 1 ms under the 200 ms bound, inside the 2 ms tolerance');
    // A point is never hit exactly: 1.2 ms over "adds 200 ms" is not near; 30 ms over is.
    assert.deepEqual(figure('added p(50) latency', 201.2, 'ms', '200..200 ms (accepted 198.0..250.0)'), { text: 'added p(50) latency: 201 ms (expected 200 ms)', ok: true });
    assert.equal(figure('added p(50) latency', 230, 'ms', '200..200 ms (accepted 198.0..250.0)').nearMiss, true);
  });

  it('says counts as a person would: "3 of 3", "0", "open", never "count", "match" or an empty colon', () => {
    assert.equal(figure('answered 502', 3, 'requests', 'all 3 with status 502').text, 'answered 502: 3 of 3 requests');
    assert.equal(figure('answered 503', 0, 'requests', 'all 5 with status 503', false).text, 'answered 503: 0 of 5 requests with status 503');
    assert.equal(figure('reads that did not show version 2', 0, 'count', 'exactly 0').text, 'reads that did not show version 2: 0');
    assert.equal(figure('attempts', 1, 'count', 'exactly 3', false).text, 'attempts: 1, expected 3');
    assert.equal(figure('succeeded / failed with 503', 4, 'requests', 'exactly 4 succeeded and 3 failed with 503').text, 'succeeded / failed with 503: 4 succeeded and 3 failed with 503');
    assert.equal(figure('in flight at once', 2, 'count', '<= 2').text, 'in flight at once: 2 (at most 2)');
    assert.equal(figure('payment_breaker_state', 1, 'match', 'open').text, 'payment_breaker_state: open');
    assert.equal(figure('payment_breaker_state', 0, 'match', 'open', false).text, 'payment_breaker_state: not open');
    assert.deepEqual(figure('read latency p(50)', 1.4, 'ms', 'recorded'), { text: 'read latency p(50): 1.4 ms' });
    assert.equal(figure('packets lost', 6.15, '%', '0.5%..12%').text, 'packets lost: 6.15 % (between 0.5 % and 12 %)');
    assert.equal(figure('Retry-After', 2, 's', '1..2 s on every answer').text, 'Retry-After: 2 s (between 1 and 2 s on every answer)');
    assert.equal(figure('retry gaps', 84.7, 'ms', 'retry 0: 0..100 ms; retry 1: 0..200 ms').text, 'retry gaps: 84.7 ms (retry 0: 0–100 ms; retry 1: 0–200 ms)');
    assert.equal(figure('connection close', null, 'ms', '>= 100 ms', false).text, 'connection close: nothing measured, expected at least 100 ms');
  });

  it('judges retry gaps with the tolerances and says the checkers\' findings', () => {
    const evidence = emptyEvidence();
    evidence.retryGaps = [
      { attempt: 1, gapMs: 90, envelopeMinMs: 0, envelopeMaxMs: 100 },
      { attempt: 2, gapMs: 230, envelopeMinMs: 0, envelopeMaxMs: 200 },
    ];
    assert.deepEqual(retryGapFigures(evidence).map((one) => one.text), ['1 of 2 retry gaps inside the backoff envelope', 'gap before attempt 2: 230 ms, 30 ms over the 200 ms bound, inside the 50 ms tolerance']);
    evidence.notes.events = { check: { orders: 3, shippedOnce: 2, deadLettered: 0, lost: ['o-3'], duplicated: [], unexpected: [] } };
    evidence.notes.integrity = { charges: 1, refunds: 0, reservations: 1, releases: 0, storedOrders: 0, orphanCharges: ['k-1'], orphanReservations: [], refundedButStored: [], releasedButStored: [], ordersWithoutCharge: [], ordersWithoutReservation: [], refundedTwice: [], releasedTwice: [] };
    assert.deepEqual(recoveryFigures(evidence), [
      { text: '3 orders: 2 shipped exactly once, 0 dead-lettered; 1 lost, 0 duplicated, 0 unexpected shipments', ok: false },
      { text: '1 charges, 0 refunds, 1 reservations, 0 releases, 0 stored orders; 1 orphan charges (k-1)', ok: false },
    ]);
  });
});
