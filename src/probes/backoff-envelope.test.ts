import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attemptsByKey, fullJitterCeiling, retryGaps, spread } from './backoff-envelope.js';
import type { JournalEntry } from '../faults/gateway-control.js';

const entry = (key: string, arrivedAt: number): JournalEntry => ({
  seq: 0, arrivedAt, completedAt: arrivedAt + 1, method: 'POST', path: '/charges', route: 'POST /charges', bodyHash: null, headers: {}, idempotencyKey: key, requestId: null, status: 503, outcome: 'answered',
});

test('the envelope doubles from the base up to the cap', () => {
  assert.deepEqual([0, 1, 2, 3, 4].map((n) => fullJitterCeiling(100, 400, n)), [100, 200, 400, 400, 400]);
});

test('gaps inside the envelope pass, gaps beyond it (plus tolerance) fail', () => {
  const attempts = [entry('a', 1000), entry('a', 1080), entry('a', 1290)];
  const gaps = retryGaps(attempts, 100, 400);
  assert.deepEqual(gaps.map((gap) => [gap.retry, Math.round(gap.gapMs), gap.ok]), [[0, 80, true], [1, 210, true]]);
  const late = retryGaps([entry('b', 0), entry('b', 151)], 100, 400);
  assert.equal(late[0]!.ok, false);
});

test('attempts are grouped by idempotency key in arrival order', () => {
  const grouped = attemptsByKey([entry('a', 5), entry('b', 1), entry('a', 2)]);
  assert.deepEqual(grouped.get('a')!.map((e) => e.arrivedAt), [2, 5]);
  assert.equal(grouped.get('b')!.length, 1);
});

test('spread tells constant delays from jittered ones', () => {
  assert.equal(spread([100, 100, 100]).stdDevMs, 0);
  assert.ok(spread([5, 60, 90, 20]).stdDevMs > 25);
});
