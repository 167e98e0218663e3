import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDuration } from './duration.js';
import { parsePercent } from './percent.js';

test('durations in ms, s and m', () => {
  assert.equal(parseDuration('200ms'), 200);
  assert.equal(parseDuration('2s'), 2000);
  assert.equal(parseDuration('1.5s'), 1500);
  assert.equal(parseDuration('1m'), 60_000);
});

test('a malformed duration names the input and the fix', () => {
  for (const bad of ['200', 'ms', '2 hours', '-1s', '']) {
    assert.throws(() => parseDuration(bad), (error: Error) => error.message.includes(`"${bad}"`) && /FL_BAD_DURATION/.test(error.message) && /200ms or 2s/.test(error.message));
  }
});

test('percentages become fractions; out of range is refused', () => {
  assert.equal(parsePercent('1%'), 0.01);
  assert.equal(parsePercent('0.5%'), 0.005);
  assert.throws(() => parsePercent('101%'), /FL_BAD_PERCENT/);
  assert.throws(() => parsePercent('5'), /"5"/);
});
