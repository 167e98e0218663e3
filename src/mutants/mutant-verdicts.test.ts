import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isExpectedKill, mutantRunVerdict } from './mutant-verdicts.js';

function stream(failAt: 'Outcome' | 'Action' | 'none'): string {
  const steps = [
    { id: 's1', text: 'an order is placed', type: 'Action' },
    { id: 's2', text: 'the order fails with 504 within 300ms', type: 'Outcome' },
  ];
  const failing = failAt === 'none' ? undefined : failAt === 'Action' ? 'ts1' : 'ts2';
  return [
    { pickle: { id: 'p1', name: 'A black hole', uri: 'features/timeouts.feature', steps } },
    { testCase: { id: 'tc1', pickleId: 'p1', testSteps: [{ id: 'ts1', pickleStepId: 's1' }, { id: 'ts2', pickleStepId: 's2' }] } },
    { testCaseStarted: { id: 'a1', testCaseId: 'tc1' } },
    ...['ts1', 'ts2'].map((id) => ({ testStepFinished: { testCaseStartedId: 'a1', testStepId: id, testStepResult: { status: id === failing ? 'FAILED' : 'PASSED' } } })),
    { testRunFinished: { success: failing === undefined } },
  ].map((envelope) => JSON.stringify(envelope)).join('\n');
}

test('a failure in an outcome step kills the mutant and names the scenario and step', () => {
  const verdict = mutantRunVerdict(stream('Outcome'));
  assert.deepEqual(verdict.killedBy, ['features/timeouts.feature › A black hole (at "Then the order fails with 504 within 300ms")']);
  assert.deepEqual(verdict.brokenScenarios, []);
});

test('a failure while acting is infrastructure, not a kill', () => {
  const verdict = mutantRunVerdict(stream('Action'));
  assert.deepEqual(verdict.killedBy, []);
  assert.equal(verdict.brokenScenarios.length, 1);
});

test('a green run against a mutant means it survived', () => {
  const verdict = mutantRunVerdict(stream('none'));
  assert.deepEqual(verdict.killedBy, []);
  assert.deepEqual(verdict.passed, ['features/timeouts.feature › A black hole']);
  assert.equal(verdict.runSucceeded, true);
});

test('a scenario with a failed step has not passed', () => {
  assert.deepEqual(mutantRunVerdict(stream('Outcome')).passed, []);
});

test('with killedAt, a failure at that Then kills the mutant', () => {
  const verdict = mutantRunVerdict(stream('Outcome'), 'fails with 504');
  assert.equal(verdict.killedBy.length, 1);
  assert.deepEqual(verdict.killedElsewhere, []);
});

test('with killedAt, a failure at another Then is a survival by an unrelated step', () => {
  const verdict = mutantRunVerdict(stream('Outcome'), /answers? 503/);
  assert.deepEqual(verdict.killedBy, []);
  assert.deepEqual(verdict.killedElsewhere, ['features/timeouts.feature › A black hole (at "Then the order fails with 504 within 300ms")']);
});

test('every killedAt of the catalog names a Then step of features/', async () => {
  const { mutants } = await import('./mutant-catalog.js');
  const { readdirSync, readFileSync } = await import('node:fs');
  const features = readdirSync(new URL('../../features/', import.meta.url)).filter((name) => name.endsWith('.feature'));
  const text = features.map((name) => readFileSync(new URL(`../../features/${name}`, import.meta.url), 'utf8')).join('\n');
  const thenSteps = [...text.matchAll(/^\s*(?:Then|And|But) (.+)$/gm)].map((match) => match[1]!);
  for (const mutant of mutants) {
    if (mutant.killedAt === undefined || mutant.target) continue;
    assert.ok(thenSteps.some((step) => isExpectedKill(step, mutant.killedAt)), `${mutant.name}: no step of features/ matches killedAt ${String(mutant.killedAt)}`);
  }
});
