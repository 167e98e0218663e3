import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryEntry } from './history.js';
import { writeTimeline } from './write-timeline.js';

const write = (completeAt: number, outcome: HistoryEntry['outcome']): HistoryEntry => ({ key: `k${completeAt}`, invokeAt: completeAt - 30, completeAt, outcome });

test('writes are counted by outcome in the bucket of their completion, empty buckets kept', () => {
  const history = [write(1_000, 'ok'), write(1_050, 'fail'), write(1_099, 'unknown'), write(1_100, 'ok'), write(1_420, 'ok')];
  const timeline = writeTimeline(history, [{ at: 1_150, label: 'fault' }]);
  assert.equal(timeline.startAt, 1_000);
  assert.equal(timeline.bucketMs, 100);
  assert.deepEqual(timeline.buckets, [
    { ok: 1, failed: 1, unknown: 1 },
    { ok: 1, failed: 0, unknown: 0 },
    { ok: 0, failed: 0, unknown: 0 },
    { ok: 0, failed: 0, unknown: 0 },
    { ok: 1, failed: 0, unknown: 0 },
  ]);
  assert.deepEqual(timeline.marks, [{ at: 1_150, label: 'fault' }]);
});

test('a long scenario gets round buckets, at most 120 of them, and the marks widen the span', () => {
  const history = Array.from({ length: 600 }, (_, index) => write(10_000 + index * 50, index % 7 === 0 ? 'unknown' : 'ok'));
  const timeline = writeTimeline(history, [{ at: 50_000, label: 'healed' }, { at: 12_000, label: 'fault' }]);
  assert.equal(timeline.bucketMs, 500);
  assert.equal(timeline.buckets.length, 81);
  assert.equal(timeline.buckets.reduce((sum, bucket) => sum + bucket.ok + bucket.unknown, 0), 600);
  assert.deepEqual(timeline.marks.map((mark) => mark.label), ['fault', 'healed']);
  for (const span of [1, 11_999, 12_000, 3_600_000]) assert.ok(writeTimeline([write(0, 'ok'), write(span, 'ok')], []).buckets.length <= 120, `${span} ms`);
});

test('nothing written and nothing marked gives an empty timeline', () => {
  assert.deepEqual(writeTimeline([], []), { startAt: 0, bucketMs: 100, buckets: [], marks: [] });
});
