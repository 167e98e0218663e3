import assert from 'node:assert/strict';
import { test } from 'node:test';
import { metricInRange, metricReading, rangeText } from './service-metrics.js';

const samples = [
  { name: 'loads_total', labels: { outcome: 'loaded' }, value: 1 },
  { name: 'loads_total', labels: { outcome: 'failed' }, value: 3 },
];

test('a series is summed over its labels or read for one label value; an absent series reads NaN', () => {
  assert.equal(metricReading(samples, 'loads_total'), 4);
  assert.equal(metricReading(samples, 'loads_total', { outcome: 'failed' }), 3);
  assert.equal(metricReading(samples, 'loads_total', { outcome: 'other' }), 0);
  assert.ok(Number.isNaN(metricReading(samples, 'absent_total')));
});

test('a range holds both its ends, and its verdict names the series, the value and the range', () => {
  assert.equal(metricInRange('loads_total', { outcome: 'failed' }, { min: 2, max: 4 }, samples).ok, true);
  assert.equal(metricInRange('loads_total', { outcome: 'failed' }, { min: 3, max: 3 }, samples).ok, true);
  const low = metricInRange('loads_total', { outcome: 'loaded' }, { min: 2, max: 4 }, samples);
  assert.equal(low.ok, false);
  assert.equal(low.detail, 'loads_total{outcome="loaded"} is 1, expected from 2 to 4');
  assert.equal(metricInRange('absent_total', {}, { min: 0, max: 0 }, samples).detail, '/metrics has no absent_total');
  assert.equal(metricInRange('absent_total', {}, { min: 0, max: 0 }, samples).ok, false);
  assert.equal(rangeText({ min: 1, max: 1 }), 'exactly 1');
});
