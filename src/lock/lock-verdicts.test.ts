import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findOverlaps, jobRanVerdict, noOverlapVerdict, stoppedWithinVerdict, takeoverVerdict } from './lock-verdicts.js';

const every50 = (from: number, to: number) => Array.from({ length: Math.floor((to - from) / 50) + 1 }, (_, index) => from + index * 50);

describe('findOverlaps', () => {
  it('finds none when one runner hands over to the other', () => {
    const report = findOverlaps([{ name: 'a', ticks: every50(0, 1000) }, { name: 'b', ticks: every50(2500, 4000) }], 250);
    assert.equal(report.overlappingTicks, 0);
    assert.equal(report.worstOverlapMs, 0);
    assert.deepEqual(report.periods.a, [{ from: 0, to: 1000, ticks: 21 }]);
  });

  it('counts the ticks of each inside the other and measures the overlap of the periods', () => {
    // a holds 0..4000, b takes over at 2500: b's 21 ticks 2500..3500 are strictly inside a's period,
    // and a's 19 ticks 2550..3450 inside b's.
    const report = findOverlaps([{ name: 'a', ticks: every50(0, 4000) }, { name: 'b', ticks: every50(2500, 3500) }], 250);
    assert.equal(report.worstOverlapMs, 1000);
    assert.equal(report.overlappingTicks, 21 + 19);
    assert.deepEqual(
      report.overlaps.map(({ ticked, holder, ticks }) => [ticked, holder, ticks]),
      [['a', 'b', 19], ['b', 'a', 21]],
    );
  });

  it('sees a single tick inside another holding period as an overlap of 0 ms', () => {
    const report = findOverlaps([{ name: 'a', ticks: every50(0, 1000) }, { name: 'b', ticks: [500] }], 250);
    assert.equal(report.overlappingTicks, 1);
    assert.equal(report.worstOverlapMs, 0);
  });

  it('does not count ticks at the very ends of a period (a handover in the same millisecond)', () => {
    assert.equal(findOverlaps([{ name: 'a', ticks: [0, 50, 100] }, { name: 'b', ticks: [100, 150] }], 250).overlappingTicks, 0);
  });
});

describe('lock verdicts', () => {
  it('fails the overlap check with the worst overlap and the periods in its detail', () => {
    const { verdict } = noOverlapVerdict([{ name: 'a', ticks: every50(0, 4000) }, { name: 'b', ticks: every50(2500, 3500) }], 250, 0);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.measured, 40);
    assert.match(verdict.detail, /worst overlap 1000 ms \(a ticked 19 times while b held the lock, from \+2550 ms\)/);
    assert.match(verdict.detail, /b held \+2500\.\.\+3500 ms \(21 ticks\)/);
  });

  it('counts the job ticks of every runner', () => {
    assert.equal(jobRanVerdict([{ name: 'a', ticks: [1, 2] }, { name: 'b', ticks: [] }], 1).ok, true);
    assert.equal(jobRanVerdict([{ name: 'a', ticks: [] }, { name: 'b', ticks: [] }], 1).ok, false);
  });

  it('measures the last tick of the cut-off holder from the cut', () => {
    const verdict = stoppedWithinVerdict({ name: 'a', ticks: every50(0, 1600) }, 1000, 2000);
    assert.equal(verdict.measured, 600);
    assert.equal(verdict.ok, true);
    assert.equal(stoppedWithinVerdict({ name: 'a', ticks: every50(0, 4000) }, 1000, 2000).ok, false);
  });

  it('measures the takeover from the cut to the other runner first tick, and fails when there is none', () => {
    assert.equal(takeoverVerdict({ name: 'b', ticks: [900, 3400, 3450] }, 1000, 3000).measured, 2400);
    assert.equal(takeoverVerdict({ name: 'b', ticks: [900] }, 1000, 3000).ok, false);
  });
});
