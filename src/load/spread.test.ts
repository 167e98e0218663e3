// Benchmark figures: the spread of repeated measurements, and pairs measured in ABBA order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interleavedPairs, spread, standardDeviation } from './spread.js';

test('median, quartiles and extremes; non-finite values left out', () => {
  assert.deepEqual(spread([5, 1, 3, 2, 4, Number.NaN]), { median: 3, q1: 2, q3: 4, min: 1, max: 5, n: 5 });
  assert.equal(spread([]).n, 0);
  assert.ok(Number.isNaN(spread([]).median));
});

test('pairs alternate which side goes first', async () => {
  const order: string[] = [];
  const pairs = await interleavedPairs(4, async (pair) => (order.push(`a${pair}`), pair), async (pair) => (order.push(`b${pair}`), -pair));
  assert.deepEqual(order, ['a0', 'b0', 'b1', 'a1', 'a2', 'b2', 'b3', 'a3']);
  assert.deepEqual(pairs.map(({ a, b }) => [a, b]), [[0, -0], [1, -1], [2, -2], [3, -3]]);
});

test('sample standard deviation', () => {
  assert.equal(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]).toFixed(3), '2.138');
  assert.equal(standardDeviation([1]), 0);
});
