import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acknowledgedDuringCutVerdict, failuresDuringCutVerdicts, idempotentRetryProblems, lostSuffixVerdicts, strandedOnOldPrimaryVerdicts } from './failover-verdicts.js';
import type { HistoryEntry } from './history.js';
import { checkHistory } from './history-checker.js';

const entry = (key: string, invokeAt: number, completeAt: number, outcome: HistoryEntry['outcome'], status?: number): HistoryEntry => ({ key, invokeAt, completeAt, outcome, ...(status === undefined ? {} : { status }) });
const window = { cutAt: 1_000, healAt: 3_000 };

test('a write acknowledged inside the cut is counted; one invoked before it is not', () => {
  const history = [entry('before', 900, 1_100, 'ok', 201), entry('inside', 1_200, 1_300, 'ok', 201), entry('after', 2_900, 3_100, 'ok', 201)];
  const verdict = acknowledgedDuringCutVerdict(history, window);
  assert.equal(verdict.measured, 1);
  assert.equal(verdict.ok, false);
  assert.match(verdict.detail, /inside/);
});

test('failures during the cut must have one of the statuses and end within the bound plus its slack', () => {
  const history = [entry('a', 1_100, 1_600, 'unknown', 503), entry('b', 1_200, 1_300, 'unknown'), entry('c', 1_300, 1_400, 'fail', 504)];
  const [statuses, slowest] = failuresDuringCutVerdicts(history, window, [503, 504], 500);
  assert.equal(statuses!.measured, 1);
  assert.match(statuses!.detail, /b: no answer/);
  assert.equal(slowest!.ok, true);
  assert.equal(failuresDuringCutVerdicts(history, window, [503, 504], 400)[1]!.ok, false);
});

test('an asynchronous loss must be a suffix: a lost order before the last replayed commit is a hole', () => {
  const history = [entry('early', 100, 200, 'ok', 201), entry('late', 1_000, 1_100, 'ok', 201)];
  const suffix = lostSuffixVerdicts(checkHistory(history, [{ key: 'early', id: '1' }]), 1_050, 500, 1_000);
  assert.deepEqual(suffix.verdicts.map((v) => v.ok), [true, true, true]);
  const hole = lostSuffixVerdicts(checkHistory(history, [{ key: 'late', id: '2' }]), 1_050, 500, 1_000);
  assert.equal(hole.verdicts[1]!.ok, false);
  assert.equal(hole.lostAcknowledgedBeforeCut, 1);
});

test('keys only on the old primary are stranded', () => {
  const [stranded] = strandedOnOldPrimaryVerdicts(['k1', 'k2'], ['k1'], checkHistory([], []));
  assert.equal(stranded!.measured, 1);
  assert.match(stranded!.detail, /k2/);
});

test('a retried key must be stored once, under the id every 2xx carried', () => {
  const results = [
    { key: 'once', attempts: 2, acknowledgedIds: ['id-1', 'id-1'] },
    { key: 'twice', attempts: 1, acknowledgedIds: ['id-2'] },
    { key: 'other', attempts: 1, acknowledgedIds: ['id-3'] },
  ];
  const stored = new Map([['once', ['id-1']], ['twice', ['id-2', 'id-4']], ['other', ['id-5']]]);
  assert.deepEqual(idempotentRetryProblems(results, stored), ['twice: 2 orders stored', 'other: 2xx carried id-3, stored id-5']);
});
