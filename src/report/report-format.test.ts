import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countOf, formatDateTime, formatMs, formatOffset, formatPercent, formatQuantity } from './report-format.js';

describe('report formatting', () => {
  it('writes durations at a readable precision', () => {
    assert.deepEqual([0.4211, 12.34, 312.4, 1250, 125_000, -3, 50, 10_000].map(formatMs), ['0.42 ms', '12.3 ms', '312 ms', '1.25 s', '2 min 05 s', '-3 ms', '50 ms', '10 s']);
  });

  it('writes quantities with their units', () => {
    assert.equal(formatQuantity(20, 'requests'), '20 requests');
    assert.equal(formatQuantity(0.12345, '%'), '0.123 %');
    assert.equal(formatQuantity(201.44, 'ms'), '201 ms');
  });

  it('writes times in UTC and offsets from an origin', () => {
    assert.equal(formatDateTime(Date.UTC(2025, 0, 15, 9, 30, 1, 5)), '2025-01-15 09:30:01.005 UTC');
    assert.equal(formatOffset(1_500, 1_000), '+0.500 s');
    assert.equal(formatOffset(500, 1_000), '−0.500 s');
  });

  it('writes percentages and counts', () => {
    assert.deepEqual([formatPercent(null), formatPercent(100), formatPercent(66.66)], ['n/a', '100 %', '66.7 %']);
    assert.deepEqual([countOf(1, 'scenario'), countOf(2, 'scenario')], ['1 scenario', '2 scenarios']);
  });
});
