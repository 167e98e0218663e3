import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkHistory, recoveryTime } from './history-checker.js';
import type { HistoryEntry } from './history.js';

const entry = (key: string, outcome: HistoryEntry['outcome'], at: number, orderId?: string): HistoryEntry => ({ key, invokeAt: at, completeAt: at + 10, outcome, ...(orderId ? { orderId } : {}) });

test('a clean history is valid: unknown outcomes may or may not be stored', () => {
  const verdict = checkHistory([entry('a', 'ok', 0, 'A'), entry('b', 'unknown', 5), entry('c', 'unknown', 6), entry('d', 'fail', 7)], [
    { key: 'a', id: 'A' },
    { key: 'b', id: 'B' },
  ]);
  assert.equal(verdict.valid, true);
  assert.deepEqual(verdict.counts, { ok: 1, fail: 1, unknown: 2, stored: 2 });
});

test('an acknowledged write that is absent is lost', () => {
  const verdict = checkHistory([entry('a', 'ok', 0, 'A'), entry('b', 'ok', 5, 'B')], [{ key: 'a', id: 'A' }]);
  assert.equal(verdict.valid, false);
  assert.deepEqual(verdict.lost.map((e) => e.key), ['b']);
});

test('a key stored twice, or under another id than acknowledged, is duplicated', () => {
  assert.deepEqual(checkHistory([entry('a', 'ok', 0, 'A')], [{ key: 'a', id: 'A' }, { key: 'a', id: 'A2' }]).duplicated, ['a']);
  assert.deepEqual(checkHistory([entry('a', 'ok', 0, 'A')], [{ key: 'a', id: 'X' }]).duplicated, ['a']);
});

test('a stored key nobody attempted is unexpected; a definite failure that is present is reported', () => {
  const verdict = checkHistory([entry('a', 'fail', 0)], [{ key: 'a', id: 'A' }, { key: 'zz', id: 'Z' }]);
  assert.deepEqual(verdict.unexpected, ['zz']);
  assert.deepEqual(verdict.failedButPresent.map((e) => e.key), ['a']);
  assert.equal(verdict.valid, false);
});

test('a failure retried with success under the same key is not failed-but-present', () => {
  const verdict = checkHistory([entry('a', 'fail', 0), entry('a', 'ok', 20, 'A')], [{ key: 'a', id: 'A' }]);
  assert.equal(verdict.valid, true);
});

test('RTO is measured to the first acknowledged write invoked after the fault', () => {
  const history = [entry('a', 'ok', 0), entry('b', 'unknown', 100), entry('c', 'ok', 900), entry('d', 'ok', 1500)];
  assert.equal(recoveryTime(history, 50), 860);
  assert.equal(recoveryTime([entry('a', 'unknown', 100)], 50), undefined);
});
