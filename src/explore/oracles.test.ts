import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultlineError } from '../errors.js';
import { baselineRoutesOf, judge, oracleNames, parseOracleNames, type OracleContext } from './oracles.js';
import type { RunObservation } from './run-observation.js';
import { entry, step } from './test-journal.js';

const baseline: RunObservation = {
  steps: [step(0), step(1)],
  journals: [{ upstream: 'gw', requests: [entry(1, { requestId: 'r1' }), entry(2, { requestId: 'r2' })] }],
  readyAgain: true,
  readyDetail: 'ready',
};
const context: OracleContext = { statuses: [201, 502, 503, 504], deadlineMs: 2_000, baselineRoutes: baselineRoutesOf(baseline) };
const broken = (run: RunObservation) => judge(run, context, oracleNames).filter((verdict) => !verdict.ok).map((verdict) => verdict.oracle);

describe('oracles', () => {
  it('hold for the fault-free run', () => {
    assert.deepEqual(broken(baseline), []);
  });

  it('documented-statuses and problem-json: a plain-text 500 breaks both', () => {
    const run = { ...baseline, steps: [step(0, { status: 500, contentType: 'text/plain' }), step(1)] };
    assert.deepEqual(broken(run), ['documented-statuses', 'problem-json']);
  });

  it('deadline: an answer later than the deadline plus max(50 ms, 10 %), or none at all', () => {
    assert.deepEqual(broken({ ...baseline, steps: [step(0, { durationMs: 2_190 }), step(1)] }), []);
    assert.deepEqual(broken({ ...baseline, steps: [step(0, { durationMs: 2_210 }), step(1)] }), ['deadline']);
    assert.deepEqual(broken({ ...baseline, steps: [step(0, { status: undefined, error: 'TIMEOUT', durationMs: 5_000 }), step(1)] }), ['documented-statuses', 'deadline']);
  });

  it('one-side-effect: two 2xx answers under different idempotency keys for one request; a replay under the same key is one', () => {
    const replayed = [entry(1, { requestId: 'r1', status: 201 }), entry(2, { requestId: 'r1', status: 200, idempotencyKey: 'key-1' }), entry(3, { requestId: 'r2' })];
    assert.deepEqual(broken({ ...baseline, journals: [{ upstream: 'gw', requests: replayed }] }), []);
    const twice = [entry(1, { requestId: 'r1', status: 201 }), entry(2, { requestId: 'r1', status: 201, idempotencyKey: 'key-1-retry-1' }), entry(3, { requestId: 'r2' })];
    const verdict = judge({ ...baseline, journals: [{ upstream: 'gw', requests: twice }] }, context, ['one-side-effect'])[0]!;
    assert.equal(verdict.ok, false);
    assert.match(verdict.detail, /request 1 caused 2 side effects at gw POST \/charges \(idempotency keys key-1, key-1-retry-1\)/);
  });

  it('acknowledged-done: a 201 whose request got no 2xx at a route it reached in the fault-free run', () => {
    const unpaid = [entry(1, { requestId: 'r1', status: 429 }), entry(2, { requestId: 'r2' })];
    assert.deepEqual(broken({ ...baseline, journals: [{ upstream: 'gw', requests: unpaid }] }), ['acknowledged-done']);
    // Failing the request instead is within the contract.
    assert.deepEqual(broken({ ...baseline, steps: [step(0, { status: 502, contentType: 'application/problem+json' }), step(1)], journals: [{ upstream: 'gw', requests: unpaid }] }), []);
  });

  it('acknowledged-readable: an acknowledged Location that does not answer 2xx once the faults are gone', () => {
    assert.deepEqual(broken({ ...baseline, readBack: [{ step: 0, location: '/orders/1', status: 200 }] }), []);
    const verdict = judge({ ...baseline, readBack: [{ step: 0, location: '/orders/1', status: 404 }] }, context, ['acknowledged-readable'])[0]!;
    assert.equal(verdict.ok, false);
    assert.match(verdict.detail, /request 1 was acknowledged at \/orders\/1, which answers 404/);
  });

  it('ready-again: the service did not answer its readiness check after the faults were removed', () => {
    assert.deepEqual(broken({ ...baseline, readyAgain: false, readyDetail: 'expected /health/ready to answer 200' }), ['ready-again']);
  });

  it('are chosen by name; an unknown name is FL_BAD_FAULT_SET with the known ones', () => {
    assert.deepEqual(parseOracleNames(undefined), oracleNames);
    assert.deepEqual(parseOracleNames('deadline, problem-json'), ['deadline', 'problem-json']);
    assert.throws(() => parseOracleNames('no-lost-writes'), (error: unknown) => error instanceof FaultlineError && error.message.includes('oracles: documented-statuses'));
  });
});
