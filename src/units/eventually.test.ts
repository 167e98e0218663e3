import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually, EventuallyTimeoutError } from './eventually.js';

test('returns the first accepted value with the elapsed time', async () => {
  let calls = 0;
  const result = await eventually(async () => ++calls, (value) => value >= 3, { expected: 'three calls', withinMs: 1000, intervalMs: 1 });
  assert.equal(result.value, 3);
  assert.equal(result.attempts, 3);
});

test('on timeout says what was expected, the last value seen and how long it waited', async () => {
  await assert.rejects(
    eventually(async () => ({ status: 503 }), (value) => value.status === 200, { expected: 'status 200', withinMs: 60, intervalMs: 10 }),
    (error: unknown) =>
      error instanceof EventuallyTimeoutError && /expected status 200 within \d+ ms/.test(error.message) && error.message.includes('{"status":503}') && error.elapsedMs >= 60,
  );
});

test('a throwing probe counts as not yet, and its error is reported', async () => {
  await assert.rejects(
    eventually(async () => { throw new Error('ECONNREFUSED'); }, () => true, { expected: 'a connection', withinMs: 30, intervalMs: 5 }),
    /last value seen was error Error: ECONNREFUSED/,
  );
});
