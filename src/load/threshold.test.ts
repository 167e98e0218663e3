import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare, measure, parseThreshold } from './threshold.js';

test('k6 expressions with and without spaces and units', () => {
  assert.deepEqual(parseThreshold('p(95)<200'), { source: 'p(95)<200', metric: { kind: 'percentile', p: 95 }, comparator: '<', value: 200 });
  assert.equal(parseThreshold('p(99) < 0.3s').value, 300);
  assert.equal(parseThreshold('rate<0.01').value, 0.01);
  assert.equal(parseThreshold('rate < 1%').value, 0.01);
  assert.deepEqual(parseThreshold('avg<=150ms').metric, { kind: 'avg' });
  assert.equal(parseThreshold('p(99.9)<1000').metric.kind, 'percentile');
});

test('malformed expressions name the input and the grammar', () => {
  for (const bad of ['p95<200', 'p(95)=<200', 'latency<200', 'p(0)<1', 'rate<5ms', 'p(99)<1%', 'rate<150%', '']) {
    assert.throws(() => parseThreshold(bad), (error: Error) => /FL_BAD_THRESHOLD/.test(error.message) && error.message.includes(`"${bad}"`), bad);
  }
});

test('measured against a sample', () => {
  const sample = { latenciesMs: [10, 20, 30, 40, 1000], failed: 1, total: 100 };
  assert.equal(measure({ kind: 'max' }, sample), 1000);
  assert.equal(measure({ kind: 'med' }, sample), 30);
  assert.equal(measure({ kind: 'rate' }, sample), 0.01);
  assert.equal(compare(0.01, '<', 0.01), false);
  assert.equal(compare(0.01, '<=', 0.01), true);
});
