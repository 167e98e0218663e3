import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TestStepResultStatus, type Envelope } from '@cucumber/messages';
import { estimateRemainingMs, progressLine, ProgressTracker } from './progress-tracker.js';

const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });

test('the estimate goes by the pace so far, and says nothing before the first scenario ends', () => {
  assert.equal(estimateRemainingMs({ elapsedMs: 0, done: 0, total: 52 }), undefined);
  assert.equal(estimateRemainingMs({ elapsedMs: 60_000, done: 12, total: 52 }), 200_000);
  assert.equal(estimateRemainingMs({ elapsedMs: 60_000, done: 52, total: 52 }), 0);
});

test('a progress line has the verdict, the running count, the scenario, its duration and the time left', () => {
  assert.equal(
    progressLine({ verdict: 'failed', name: 'The link goes down', uri: 'features/links.feature', line: 7, durationMs: 1_430, done: 12, total: 52, remainingMs: 200_000 }),
    'failed    12/52  The link goes down (features/links.feature:7)  1.43 s  · about 3 min 20 s left',
  );
  assert.equal(
    progressLine({ verdict: 'passed', name: 'Last', uri: 'a.feature', durationMs: 20, done: 3, total: 3, remainingMs: 0 }),
    'passed    3/3  Last (a.feature)  20 ms  · last one',
  );
  assert.match(progressLine({ verdict: 'failed', name: 'Flaky', uri: 'a.feature', durationMs: 5, done: 0, total: 3, remainingMs: undefined, willBeRetried: true }), /^retrying/);
});

function run(): Envelope[] {
  const step = (caseStarted: string, id: string, status: keyof typeof TestStepResultStatus, ms: number, message?: string): Envelope => ({
    testStepFinished: { testCaseStartedId: caseStarted, testStepId: id, testStepResult: { status: TestStepResultStatus[status], duration: at(1), ...(message ? { message } : {}) }, timestamp: at(ms) },
  });
  const pickleStep = (id: string, text: string) => ({ id, text, astNodeIds: [] });
  return [
    { gherkinDocument: { uri: 'f.feature', comments: [], feature: { location: { line: 1 }, tags: [], language: 'en', description: '', name: 'F', keyword: 'Feature', children: [{ scenario: { id: 'sc1', keyword: 'Scenario', name: 'One', steps: [], location: { line: 3 } } as never }, { scenario: { id: 'sc2', keyword: 'Scenario', name: 'Two', steps: [], location: { line: 9 } } as never }] } } },
    { pickle: { id: 'p1', uri: 'f.feature', name: 'One', language: 'en', steps: [pickleStep('ps1', 'a request is sent'), pickleStep('ps2', 'the request fails with 504')], tags: [], astNodeIds: ['sc1'] } },
    { pickle: { id: 'p2', uri: 'f.feature', name: 'Two', language: 'en', steps: [pickleStep('ps3', 'a request is sent')], tags: [], astNodeIds: ['sc2'] } },
    { testCase: { id: 'tc1', pickleId: 'p1', testSteps: [{ id: 's1', pickleStepId: 'ps1' }, { id: 's2', pickleStepId: 'ps2' }, { id: 's3', hookId: 'h1' }] } },
    { testCase: { id: 'tc2', pickleId: 'p2', testSteps: [{ id: 's4', pickleStepId: 'ps3' }] } },
    { testRunStarted: { timestamp: at(10_000) } },
    { testCaseStarted: { id: 'a1', testCaseId: 'tc1', attempt: 0, timestamp: at(10_000) } },
    step('a1', 's1', 'PASSED', 11_000),
    step('a1', 's2', 'FAILED', 12_000, 'expected 504, got 201\n    at a\n    at b'),
    step('a1', 's3', 'SKIPPED', 12_000),
    { testCaseFinished: { testCaseStartedId: 'a1', timestamp: at(12_000), willBeRetried: false } },
    { testCaseStarted: { id: 'a2', testCaseId: 'tc2', attempt: 0, timestamp: at(12_000) } },
    step('a2', 's4', 'PASSED', 12_500),
    { testCaseFinished: { testCaseStartedId: 'a2', timestamp: at(12_500), willBeRetried: false } },
  ];
}

test('the tracker prints one line per scenario as it ends, with its worst step status as verdict', () => {
  const tracker = new ProgressTracker();
  const lines = run().map((envelope) => tracker.add(envelope)).filter((line) => line !== undefined);
  assert.deepEqual(lines, [
    'failed    1/2  One (f.feature:3)  2 s  · about 2 s left\n    step "the request fails with 504" failed: expected 504, got 201',
    'passed    2/2  Two (f.feature:9)  500 ms  · last one',
  ]);
  assert.deepEqual(tracker.counts, { done: 2, total: 2 });
  assert.deepEqual(Object.fromEntries(tracker.byVerdict), { failed: 1, passed: 1 });
  assert.equal(tracker.collector.build().scenarios.length, 2);
});

test('an attempt that will be retried is shown but not counted as done', () => {
  const tracker = new ProgressTracker();
  const envelopes = run().slice(0, 10);
  envelopes.push({ testCaseFinished: { testCaseStartedId: 'a1', timestamp: at(12_000), willBeRetried: true } });
  const lines = envelopes.map((envelope) => tracker.add(envelope)).filter((line) => line !== undefined);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^retrying\s+0\/2  One/);
  assert.deepEqual(tracker.counts, { done: 0, total: 2 });
});

test('failures are listed at the end with the scenario, the step and the error; a failed BeforeAll hook is shown as it happens', () => {
  const tracker = new ProgressTracker();
  const hookLine = tracker.add({
    hook: { id: 'h9', sourceReference: { uri: 'steps/support/hooks.ts', location: { line: 16 } } },
  } as Envelope);
  assert.equal(hookLine, undefined);
  tracker.add({ testRunHookStarted: { id: 'rh1', hookId: 'h9' } } as Envelope);
  const shown = tracker.add({ testRunHookFinished: { testRunHookStartedId: 'rh1', result: { status: 'FAILED', message: 'FL_IMAGE_BUILD_FAILED: no Dockerfile\n  fix: add one' } } } as Envelope);
  assert.equal(shown, 'hook steps/support/hooks.ts:16 failed: FL_IMAGE_BUILD_FAILED: no Dockerfile');
  for (const envelope of run()) tracker.add(envelope);
  assert.equal(
    tracker.failureReport(),
    '\nFailures:\n\n1) hook steps/support/hooks.ts:16 failed: FL_IMAGE_BUILD_FAILED: no Dockerfile\n  fix: add one\n\n' +
      '2) One (f.feature:3)\n  step "the request fails with 504" failed: expected 504, got 201\n      at a\n      at b\n',
  );
});
