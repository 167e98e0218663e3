import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultlineError } from '../errors.js';
import { applicableOracles, baselineRoutesOf, judge, oracleNames, parseOracleNames, type OracleContext } from './oracles.js';
import { stepOfEntry, type RunObservation } from './run-observation.js';
import { checkIntegrity } from '../saga/integrity-checker.js';
import { checkEvents } from '../events/event-checker.js';
import { entry, step } from './test-journal.js';

const baseline: RunObservation = {
  steps: [step(0), step(1)],
  journals: [{ upstream: 'gw', requests: [entry(1, { requestId: 'r1' }), entry(2, { requestId: 'r2' })] }],
  readyAgain: true,
  readyDetail: 'ready',
  stored: { rows: [{ key: 'k1', id: 'o1' }, { key: 'k2', id: 'o2' }] },
};
const context: OracleContext = { statuses: [201, 502, 503, 504], deadlineMs: 2_000, baselineRoutes: baselineRoutesOf(baseline) };
const broken = (run: RunObservation) => judge(run, context, oracleNames.filter((name) => name !== 'scenario' && name !== 'integrity' && name !== 'events')).filter((verdict) => !verdict.ok).map((verdict) => verdict.oracle);

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

  it('history: the DR history checker finds an acknowledged write missing from the table, and the other anomalies', () => {
    const history = (run: RunObservation) => judge(run, context, ['history'])[0]!;
    const lost = history({ ...baseline, stored: { rows: [{ key: 'k2', id: 'o2' }] } });
    assert.equal(lost.ok, false);
    assert.equal(lost.detail, 'lost: request 1 (201, key k1) was acknowledged as o1 but is not in the orders table');
    // Only the history oracle sees it: the service still answers the Location (from memory, say).
    assert.deepEqual(broken({ ...baseline, stored: { rows: [{ key: 'k2', id: 'o2' }] }, readBack: [{ step: 0, location: '/orders/o1', status: 200 }] }), ['history']);
    assert.match(history({ ...baseline, stored: { rows: [{ key: 'k1', id: 'o9' }, { key: 'k2', id: 'o2' }] } }).detail, /^duplicated: request 1 \(201, key k1\) is stored as o9$/);
    assert.match(history({ ...baseline, stored: { rows: [...(baseline.stored as { rows: [] }).rows, { key: 'k3', id: 'o3' }] } }).detail, /^unexpected: k3 is stored/);
    const refused = { ...baseline, steps: [step(0, { status: 409, contentType: 'application/problem+json', location: undefined }), step(1)] };
    assert.match(history(refused).detail, /^failed but present: request 1 \(409, key k1\)/);
    // A request with no complete answer (unknown) may or may not be stored.
    assert.equal(history({ ...baseline, steps: [step(0, { status: undefined, error: 'TIMEOUT', location: undefined }), step(1)], stored: { rows: [{ key: 'k2', id: 'o2' }] } }).ok, true);
    // It fails closed when the table could not be read.
    assert.equal(history({ ...baseline, stored: { error: 'psql: connection refused' } }).detail, 'the orders table could not be read after the run: psql: connection refused');
    const { stored: _, ...unread } = baseline;
    assert.equal(history(unread).ok, false);
  });

  it('history applies only to a stack with the database: left out by default without one, refused when named', () => {
    assert.deepEqual(applicableOracles(undefined, { hasHistoryDatabase: true, database: 'postgres-primary' }), oracleNames.filter((name) => name !== 'scenario' && name !== 'integrity' && name !== 'events'));
    assert.deepEqual(applicableOracles(undefined, { hasHistoryDatabase: false, database: 'postgres-primary' }), oracleNames.filter((name) => name !== 'history' && name !== 'scenario' && name !== 'integrity' && name !== 'events'));
    assert.throws(() => applicableOracles(['deadline', 'history'], { hasHistoryDatabase: false, database: 'postgres-primary' }), /history oracle reads the orders table of a PostgreSQL dependency named "postgres-primary"/);
  });

  it('integrity: the saga checker after the run finds an orphan charge; it applies only to a stack with the saga', () => {
    const report = checkIntegrity({ charges: [{ key: 'k9', path: '/charges' }], refunds: [], reservations: [], releases: [], stored: [], acknowledged: [] });
    const verdict = judge({ ...baseline, integrity: { report, settled: true } }, context, ['integrity'])[0]!;
    assert.equal(verdict.ok, false);
    assert.match(verdict.detail, /orphan charges 1 \(k9\)/);
    assert.equal(judge({ ...baseline, integrity: { report: checkIntegrity({ charges: [], refunds: [], reservations: [], releases: [], stored: [], acknowledged: [] }), settled: true } }, context, ['integrity'])[0]!.ok, true);
    assert.ok(applicableOracles(undefined, { hasHistoryDatabase: true, database: 'postgres-primary', hasSaga: true }).includes('integrity'));
    assert.throws(() => applicableOracles(['integrity'], { hasHistoryDatabase: true, database: 'postgres-primary' }), /integrity oracle reads the saga/);
  });

  it('events: the events checker after the run finds a lost shipment; it applies only to a stack with the events', () => {
    const lost = checkEvents({ orders: [{ orderId: 'o1', idempotencyKey: 'k1', eventId: 'e1' }], missingOrders: [], calls: [], deadLetters: [], existingOrderIds: new Set() });
    const verdict = judge({ ...baseline, events: { report: lost, settled: true } }, context, ['events'])[0]!;
    assert.equal(verdict.ok, false);
    assert.match(verdict.detail, /lost 1 \(o1\)/);
    assert.equal(judge({ ...baseline, events: { report: lost, settled: false } }, context, ['events'])[0]!.detail.includes('still in flight'), true);
    assert.ok(applicableOracles(undefined, { hasHistoryDatabase: true, database: 'postgres-primary', hasEvents: true }).includes('events'));
    assert.throws(() => applicableOracles(['events'], { hasHistoryDatabase: true, database: 'postgres-primary' }), /events oracle reads the broker/);
  });

  it("scenario: the scenario's own first failing step, and only for a scenario's runs", () => {
    const scenario = (verdict: RunObservation['scenario']) => judge({ ...baseline, scenario: verdict }, context, ['scenario'])[0]!;
    assert.equal(scenario({ passed: true, outcome: 'passed', detail: 'every step passed' }).ok, true);
    assert.equal(scenario({ passed: false, outcome: 'failed at Then "every request succeeded"', detail: 'under http:500@gw:POST:/charges#1: 1 of 3 failed' }).detail, 'failed at Then "every request succeeded": under http:500@gw:POST:/charges#1: 1 of 3 failed');
    assert.equal(scenario(undefined).ok, false);
    const stack = { hasHistoryDatabase: true, database: 'postgres-primary', scenario: true };
    assert.deepEqual(applicableOracles(undefined, stack), ['scenario', 'ready-again']);
    assert.throws(() => applicableOracles(['scenario', 'deadline'], stack), /deadline read the explorer's own requests/);
    assert.throws(() => applicableOracles(['scenario'], { ...stack, scenario: false }), /name a scenario/);
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

it("gives a journal entry to the request during which the upstream numbered it, whatever its clock says", () => {
  // The upstream's clock 3 ms ahead: by arrival time, request 1's charge (seq 1) would fall into
  // request 2's window; the journal marks read around each request say otherwise.
  const steps = [
    { step: 0, startedAt: 1_000, durationMs: 2, journalSpans: { gateway: { after: 0, through: 1 } } },
    { step: 1, startedAt: 1_003, durationMs: 1_000, journalSpans: { gateway: { after: 2, through: 3 } } },
  ] as unknown as Parameters<typeof stepOfEntry>[1];
  const entry = (seq: number, arrivedAt: number) => ({ seq, requestId: null, arrivedAt }) as unknown as Parameters<typeof stepOfEntry>[0];
  assert.equal(stepOfEntry(entry(1, 1_005), steps, 'gateway'), 0);
  assert.equal(stepOfEntry(entry(2, 1_003), steps, 'gateway'), -1, 'numbered between two requests: neither caused it');
  assert.equal(stepOfEntry(entry(3, 1_500), steps, 'gateway'), 1);
  assert.equal(stepOfEntry(entry(1, 1_005), steps, 'inventory'), 1, 'an upstream without marks falls back to arrival time');
});

it('gives a journal entry to the request whose window holds it, else to the nearest within 5 ms', () => {
  const steps = [
    { step: 0, startedAt: 1_000, durationMs: 2 },
    { step: 1, startedAt: 1_003, durationMs: 2 },
  ] as unknown as Parameters<typeof stepOfEntry>[1];
  const at = (arrivedAt: number) => stepOfEntry({ requestId: null, arrivedAt } as unknown as Parameters<typeof stepOfEntry>[0], steps);
  assert.equal(at(1_001.5), 0);
  assert.equal(at(999.2), 0);
  assert.equal(at(1_003.4), 1);
  assert.equal(at(1_020), -1);
});
