import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { verdictOf } from './scenario-runner.js';

// The messages of one cucumber run, reduced to what the verdict reads.
function messages(statuses: ReadonlyArray<'PASSED' | 'FAILED' | 'SKIPPED' | 'UNDEFINED'>, options: { otherPickle?: boolean } = {}): Envelope[] {
  const types = ['Context', 'Action', 'Outcome'] as const;
  const texts = ['the payment gateway answers the next 3 charges with 500', '3 requests are sent', 'every request failed with 502'];
  const pickle = { id: 'p1', uri: 'f.feature', name: 'S', language: 'en', astNodeIds: [], tags: [], steps: texts.map((text, index) => ({ id: `s${index}`, text, type: types[index], astNodeIds: [] })) };
  const envelopes = [
    { pickle },
    ...(options.otherPickle ? [{ pickle: { ...pickle, id: 'p2' } }] : []),
    { testCase: { id: 'tc1', pickleId: 'p1', testSteps: [{ id: 'h1', hookId: 'hook' }, ...texts.map((_, index) => ({ id: `t${index}`, pickleStepId: `s${index}` }))] } },
    { testStepFinished: { testCaseStartedId: 'c1', testStepId: 'h1', testStepResult: { status: 'PASSED', duration: { seconds: 0, nanos: 0 } }, timestamp: { seconds: 0, nanos: 0 } } },
    ...statuses.map((status, index) => ({
      testStepFinished: { testCaseStartedId: 'c1', testStepId: `t${index}`, testStepResult: { status, duration: { seconds: 0, nanos: 0 }, ...(status === 'FAILED' ? { message: 'Error: 1 of 3 had another outcome: POST /tips -> 504\n    at x' } : {}) }, timestamp: { seconds: 0, nanos: 0 } },
    })),
  ];
  return envelopes as unknown as Envelope[];
}

describe('scenario verdicts', () => {
  it('pass when every step passed', () => {
    assert.deepEqual(verdictOf(messages(['PASSED', 'PASSED', 'PASSED']), 'f.feature:3', 'none'), { passed: true, outcome: 'passed', detail: 'every step passed' });
  });

  it('name the first step that did not pass, with its keyword and the first line of its error', () => {
    assert.deepEqual(verdictOf(messages(['PASSED', 'PASSED', 'FAILED']), 'f.feature:3', 'http:slow@gw:POST:/charges#1'), {
      passed: false,
      outcome: 'failed at Then "every request failed with 502"',
      detail: 'under http:slow@gw:POST:/charges#1: Error: 1 of 3 had another outcome: POST /tips -> 504',
    });
    assert.equal(verdictOf(messages(['PASSED', 'UNDEFINED', 'SKIPPED']), 'f.feature:3', 'x').outcome, 'undefined at When "3 requests are sent"');
  });

  it('count only the scenarios the location selected (every parsed scenario has a pickle message)', () => {
    assert.equal(verdictOf(messages(['PASSED', 'PASSED', 'PASSED'], { otherPickle: true }), 'f.feature:3', 'none').passed, true);
    assert.throws(() => verdictOf(messages([]).filter((envelope) => !envelope.testCase), 'f.feature', 'none'), /names 0; give its line/);
  });
});
