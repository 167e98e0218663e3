import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryEntry } from './history.js';
import { checkHistory } from './history-checker.js';
import { demotedFirstVerdict, noPromotionVerdict, partitionLossVerdicts, rejoinVerdict } from './patroni-verdicts.js';
import { timingRuleHolds, withOverrides, defaultPatroniSettings } from './patroni-settings.js';

const ok = (key: string, invokeAt: number, completeAt: number): HistoryEntry => ({ key, invokeAt, completeAt, outcome: 'ok', status: 201, orderId: key });

test('fencing holds when the old primary stopped being primary before the promotion, and fails the other way round', () => {
  const promoted = { member: 'pg-2', at: 9_000 };
  assert.equal(demotedFirstVerdict('pg-1', 6_000, promoted, 0).ok, true);
  assert.equal(demotedFirstVerdict('pg-1', 6_000, promoted, 0).measured, 3_000);
  assert.equal(demotedFirstVerdict('pg-1', 12_000, promoted, 0).ok, false);
  assert.equal(demotedFirstVerdict('pg-1', undefined, promoted, 0).ok, false);
});

test('a partition may lose only what the old primary acknowledged between the partition and its demotion', () => {
  const history = [ok('before', 100, 200), ok('lag', 850, 950), ok('window', 1_100, 1_200), ok('after', 5_100, 5_200)];
  const stored = (keys: string[]) => keys.map((key) => ({ key, id: key }));
  assert.deepEqual(partitionLossVerdicts(checkHistory(history, stored(['before', 'after'])), 1_000, 5_000, 100).map((v) => v.ok), [true, true, true]);
  assert.deepEqual(partitionLossVerdicts(checkHistory(history, stored(['window', 'lag', 'after'])), 1_000, 5_000, 100).map((v) => v.ok), [false, true, true]);
  assert.deepEqual(partitionLossVerdicts(checkHistory(history, stored(['before', 'lag', 'window'])), 1_000, 5_000, 100).map((v) => v.ok), [true, false, true]);
});

test('a rejoin counts only as a running replica on the primary\'s timeline', () => {
  assert.equal(rejoinVerdict('pg-1', { role: 'replica', state: 'running', timeline: 2 }, 2).ok, true);
  assert.equal(rejoinVerdict('pg-1', { role: 'replica', state: 'running', timeline: 1 }, 2).ok, false);
  assert.equal(rejoinVerdict('pg-1', { role: 'down' }, 2).ok, false);
});

test('a promotion inside the window counts, outside it or of an excepted member does not', () => {
  const changes = [{ member: 'pg-3', at: 500, role: 'primary' as const }, { member: 'pg-1', at: 1_500, role: 'primary' as const }];
  assert.equal(noPromotionVerdict(changes, { from: 1_000, to: 2_000 }, ['pg-1'], 'x').ok, true);
  assert.equal(noPromotionVerdict(changes, { from: 0, to: 2_000 }, ['pg-1'], 'x').measured, 1);
});

test("Patroni's timing rule and the mutants' overrides", () => {
  assert.equal(timingRuleHolds(defaultPatroniSettings), true);
  assert.equal(timingRuleHolds(withOverrides(defaultPatroniSettings, { retry_timeout: '30' })), false);
  assert.equal(withOverrides(defaultPatroniSettings, { synchronous_mode: 'false' }).synchronous_mode, false);
  assert.throws(() => withOverrides(defaultPatroniSettings, { ttl: 'soon' }), /FL_BAD_INPUT|ttl=soon/);
});
