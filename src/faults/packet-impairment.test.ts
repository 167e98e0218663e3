import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeImpairment, parseRate, validateImpairment } from './packet-impairment.js';

test('probabilities, times and rates out of range are refused with FL_BAD_FAULT naming the value', () => {
  assert.throws(() => validateImpairment({ kind: 'loss', probability: 0 }), /FL_BAD_FAULT.*loss must be more than 0%.*got 0%/s);
  assert.throws(() => validateImpairment({ kind: 'corruption', probability: 1.5 }), /corruption.*got 150%/);
  assert.throws(() => validateImpairment({ kind: 'loss', probability: 0.1, correlation: -0.1 }), /loss correlation/);
  assert.throws(() => validateImpairment({ kind: 'delay', delayMs: 100, jitterMs: 150 }), /jitter \(150ms\) must not exceed the delay \(100ms\)/);
  assert.throws(() => validateImpairment({ kind: 'delay', delayMs: 0, jitterMs: 0 }), /more than 0ms/);
  assert.throws(() => validateImpairment({ kind: 'rate', kbitPerSecond: 1 }), /between 8kbit\/s and 10gbit\/s, got 1kbit\/s/);
  assert.doesNotThrow(() => validateImpairment({ kind: 'loss', probability: 1 }));
});

test('rates are read in kbit, mbit and gbit per second', () => {
  assert.equal(parseRate('100kbit/s'), 100);
  assert.equal(parseRate('2mbit/s'), 2000);
  assert.equal(parseRate('1.5mbit/s'), 1500);
  assert.throws(() => parseRate('100kb'), /FL_BAD_FAULT.*"100kb" is not a rate.*100kbit\/s/s);
});

test('descriptions say what a report reader needs', () => {
  assert.equal(describeImpairment({ kind: 'delay', delayMs: 100, jitterMs: 20 }), '100ms packet delay ± 20ms');
  assert.equal(describeImpairment({ kind: 'loss', probability: 0.05, correlation: 0.25 }), '5% packet loss (correlation 25%)');
});
