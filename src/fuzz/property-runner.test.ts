import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Redactor } from '../report/redaction.js';
import { fuzzSeed, replayCommand, runProperty, runsPerSecondLabel } from './property-runner.js';

test('the replay command carries the seed, the path, the mutant and the scenario', () => {
  assert.equal(
    replayCommand(42, '3:0:1', "Generated bodies", { FAULTLINE_MUTANT: 'astral-customer-id' }),
    "FAULTLINE_MUTANT=astral-customer-id FAULTLINE_FUZZ_SEED=42 FAULTLINE_FUZZ_PATH='3:0:1' npm run features -- --name 'Generated bodies'",
  );
});

test('a forced seed is used; a bad one is refused with its value', () => {
  assert.equal(fuzzSeed({ FAULTLINE_FUZZ_SEED: '123' }), 123);
  assert.throws(() => fuzzSeed({ FAULTLINE_FUZZ_SEED: 'abc' }), /FAULTLINE_FUZZ_SEED must be an integer, got "abc"/);
});

test('a failing property is shrunk to the smallest counterexample and can be replayed', async () => {
  const outcome = await runProperty(fc.integer({ min: 0, max: 10_000 }), async (n) => (n >= 100 ? [`${n} is too big`] : []), { name: 'small numbers', numRuns: 200, scenario: 's' });
  assert.equal(outcome.failed, true);
  assert.equal(outcome.evidence.counterexample, '100');
  assert.match(outcome.message, /replay: FAULTLINE_FUZZ_SEED=-?\d+ FAULTLINE_FUZZ_PATH='[\d:]+'/);
});

test('the throughput label of a property survives the redaction of reports', () => {
  const figure = `${runsPerSecondLabel('one order per idempotency key')}: 41.3 runs/s`;
  assert.equal(new Redactor(['a-real-secret-value']).text(figure), figure);
});
