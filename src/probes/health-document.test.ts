import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { healthDocumentProblems, parseHealthExpectation, reportsExpectedStatuses, type HealthExpectation } from './health-document.js';
import type { ProbeResult } from './http-probe.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/health+json', 'cache-control': 'no-store' }): ProbeResult => ({
  method: 'GET', path: '/health/ready', startedAt: 0, durationMs: 12, status, headers, body: typeof body === 'string' ? body : JSON.stringify(body), bytes: 0, chunks: 1,
});
const time = '2026-11-29T08:00:00.000Z';
const ready = { status: 'pass', checks: { 'service:shutdown': [{ status: 'pass', time }], 'database:connection': [{ status: 'pass', time, observedValue: 3, observedUnit: 'ms' }] } };
const expected = parseHealthExpectation({ status: 'pass', 'service:shutdown': 'pass', 'database:connection': 'pass' }) as HealthExpectation;

describe('health documents', () => {
  it('accepts a document that says what is expected, in the form the draft gives it', () => {
    assert.deepEqual(healthDocumentProblems(answer(200, ready), expected), []);
    assert.equal(reportsExpectedStatuses(answer(200, ready), expected), true);
  });

  it('names each way a document can be wrong', () => {
    const broken = { status: 'pass', checks: { 'service:shutdown': [{ status: '', time }], 'database:connection': [{ status: 'pass', time: 'soon', observedValue: 3, observedUnit: '' }], '': [] } };
    assert.deepEqual(healthDocumentProblems(answer(503, broken, { 'content-type': 'application/json; charset=utf-8' }), expected), [
      'status code 503 for a "pass" document (pass and warn are 2xx, fail is 5xx)',
      'Content-Type "application/json; charset=utf-8", not application/health+json',
      'Cache-Control "": a cache may serve a stale health answer (no-store expected)',
      '"service:shutdown" is "", expected "pass"',
      'a "" check the step does not name',
      '"service:shutdown" has status ""',
      '"database:connection" has time "soon", not a date-time',
      '"database:connection" reports the value 3 without its unit',
      'a check with an empty name',
      '"" is not a non-empty list of check entries',
    ]);
  });

  it('wants a reason with every failing check, and an overall status that follows from the checks', () => {
    const failing = { status: 'pass', checks: { 'service:shutdown': [{ status: 'pass', time }], 'database:connection': [{ status: 'fail', time }] } };
    const expectFail = parseHealthExpectation({ status: 'fail', 'service:shutdown': 'pass', 'database:connection': 'fail' }) as HealthExpectation;
    assert.deepEqual(healthDocumentProblems(answer(503, failing), expectFail), ['status "pass", expected "fail"', '"database:connection" fails without an output saying why', 'status "pass" while its checks make it "fail"']);
    assert.equal(reportsExpectedStatuses(answer(503, failing), expectFail), false);
  });

  it('reads the table of a step, and says what is wrong with one', () => {
    assert.deepEqual(parseHealthExpectation({ status: 'fail', 'database:connection': 'fail' }), { status: 'fail', checks: { 'database:connection': 'fail' }, observed: {} });
    assert.deepEqual(parseHealthExpectation({ status: 'pass', 'process:uptime': 'pass, observed under 3600 s' }), { status: 'pass', checks: { 'process:uptime': 'pass' }, observed: { 'process:uptime': { below: 3600, unit: 's' } } });
    assert.equal(parseHealthExpectation({ 'database:connection': 'fail' }), 'the table needs a "status" row (pass, warn or fail) before the checks');
    assert.equal(parseHealthExpectation({ status: 'ok' }), '"status" is "ok": a status is pass, warn or fail, and a check\'s may add ", observed under <number> <unit>"');
    assert.match(String(parseHealthExpectation({ status: 'pass, observed under 1 s' })), /"status" is "pass, observed under 1 s"/);
  });

  it('checks the value a check observed against its bound and unit', () => {
    const bounded = parseHealthExpectation({ status: 'pass', 'service:shutdown': 'pass', 'database:connection': 'pass, observed under 1000 ms' }) as HealthExpectation;
    assert.deepEqual(healthDocumentProblems(answer(200, ready), bounded), []);
    const observing = (entry: Record<string, unknown>) => answer(200, { ...ready, checks: { ...ready.checks, 'database:connection': [{ status: 'pass', time, ...entry }] } });
    assert.deepEqual(healthDocumentProblems(observing({}), bounded), ['"database:connection" observed nothing, expected a value under 1000 ms']);
    assert.deepEqual(healthDocumentProblems(observing({ observedValue: 40_000, observedUnit: 'ms' }), bounded), ['"database:connection" observed 40000 ms, expected a value under 1000 ms']);
    assert.deepEqual(healthDocumentProblems(observing({ observedValue: 3, observedUnit: 's' }), bounded), ['"database:connection" observed 3 s, expected a value under 1000 ms']);
  });
});
