import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBound, upperSlackMs, withinMs } from './tolerance.js';
import { percentile } from './stats.js';

test('lower bounds allow 2 ms under, upper bounds max(50 ms, 10 %) over', () => {
  assert.equal(checkBound(198, { label: 'x', minMs: 200 }).ok, true);
  assert.equal(checkBound(197.9, { label: 'x', minMs: 200 }).ok, false);
  assert.equal(upperSlackMs(200), 50);
  assert.equal(upperSlackMs(2000), 200);
  assert.equal(checkBound(550, { label: 'x', maxMs: 500 }).ok, true);
  assert.equal(checkBound(550.1, { label: 'x', maxMs: 500 }).ok, false);
});

test('the failure message carries the measured value and the accepted range', () => {
  const check = checkBound(700, { label: 'time to the error', maxMs: 500 });
  assert.match(check.message, /time to the error: measured 700\.0 ms/);
  assert.match(check.message, /accepted \[-inf, 550\.0\]/);
});

test('within-waits are stretched by FAULTLINE_TIME_MULTIPLIER', () => {
  const previous = process.env.FAULTLINE_TIME_MULTIPLIER;
  try {
    process.env.FAULTLINE_TIME_MULTIPLIER = '3';
    assert.equal(withinMs(2000), 6000);
    process.env.FAULTLINE_TIME_MULTIPLIER = '0.5';
    assert.throws(() => withinMs(2000), /FAULTLINE_TIME_MULTIPLIER must be a number >= 1, got "0.5"/);
  } finally {
    if (previous === undefined) delete process.env.FAULTLINE_TIME_MULTIPLIER;
    else process.env.FAULTLINE_TIME_MULTIPLIER = previous;
  }
});

test('percentiles interpolate between closest ranks', () => {
  assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
  assert.equal(percentile([5], 99), 5);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9.1);
  assert.throws(() => percentile([], 50), /empty/);
});
