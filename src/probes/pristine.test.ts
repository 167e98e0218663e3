import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pristineJudge, restartDecision } from './pristine.js';

test('who can vouch for a clean state: a pristine gauge, a stateless declaration, or nobody', () => {
  assert.equal(pristineJudge({ pristineWhen: { metric: 'm', value: 0 } }), 'rule');
  assert.equal(pristineJudge({ stateless: true }), 'stateless');
  assert.equal(pristineJudge({ stateless: false }), 'none');
  assert.equal(pristineJudge({}), 'none');
});

test('a service nobody can vouch for is restarted after any scenario used it, never reused silently', () => {
  const used = restartDecision({ pristine: true, judge: 'none', usedSinceStart: true });
  assert.equal(used.restart, true);
  assert.match(used.reason, /neither service\.pristineWhen nor service\.stateless/);
  assert.equal(restartDecision({ pristine: true, judge: 'none', usedSinceStart: false }).restart, false);
});

test('a gauge at rest or a stateless declaration keeps it; not pristine always restarts', () => {
  assert.equal(restartDecision({ pristine: true, judge: 'rule', usedSinceStart: true }).restart, false);
  assert.equal(restartDecision({ pristine: true, judge: 'stateless', usedSinceStart: true }).restart, false);
  for (const judge of ['rule', 'stateless', 'none'] as const) {
    assert.equal(restartDecision({ pristine: false, judge, usedSinceStart: false }).restart, true);
  }
});
