import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expectAddedLatencyAtMost, expectDocumentedOutcomes } from './documented-outcomes.js';
import type { ProbeResult } from './http-probe.js';

const result = (status: number | undefined, durationMs: number, contentType = 'application/problem+json'): ProbeResult => ({
  method: 'POST',
  path: '/orders',
  startedAt: 0,
  durationMs,
  ...(status === undefined ? { error: 'ECONNRESET' } : { status }),
  headers: status !== undefined && status >= 400 ? { 'content-type': contentType } : {},
  body: '',
  bytes: 0,
  chunks: 1,
});

describe('expectDocumentedOutcomes', () => {
  it('passes documented statuses, problem+json errors, in time', () => {
    const verdict = expectDocumentedOutcomes([result(201, 10), result(503, 20)], [201, 503], 100);
    assert.equal(verdict.ok, true, verdict.detail);
  });

  it('names each broken answer: an undocumented status, a reset, plain-text errors, a late answer', () => {
    const verdict = expectDocumentedOutcomes([result(500, 10), result(undefined, 10), result(503, 10, 'text/plain'), result(201, 500)], [201, 503], 100);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.measured, 0);
    assert.match(verdict.detail, /undocumented outcome.*-> 500/);
    assert.match(verdict.detail, /ECONNRESET/);
    assert.match(verdict.detail, /error without problem\+json/);
    assert.match(verdict.detail, /too late/);
  });

  it('fails when nothing was asked', () => {
    assert.equal(expectDocumentedOutcomes([], [201], 100).ok, false);
  });
});

describe('expectAddedLatencyAtMost', () => {
  it('bounds the added percentile from above only, with the upper tolerance', () => {
    const baseline = [result(201, 10), result(201, 20)];
    assert.equal(expectAddedLatencyAtMost(baseline, [result(201, 60), result(201, 70)], 99, 50).ok, true);
    assert.equal(expectAddedLatencyAtMost(baseline, [result(201, 200), result(201, 220)], 99, 50).ok, false);
  });
});
