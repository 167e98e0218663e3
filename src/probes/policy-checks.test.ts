import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JournalEntry } from '../faults/gateway-control.js';
import type { ProbeResult } from './http-probe.js';
import { parseResponse } from './late-request.js';
import { expectAttemptsCarry, expectNoAttemptFromDeadline, expectReplayOf, expectRetryAfterOnEvery } from './policy-checks.js';

const answer = (status: number, headers: Record<string, string> = {}, body = '', startedAt = 1_000): ProbeResult => ({ method: 'POST', path: '/orders', startedAt, durationMs: 5, status, headers, body, bytes: body.length, chunks: 1 });
const attempt = (arrivedAt: number, idempotencyKey: string | null, requestId: string | null): JournalEntry => ({
  seq: arrivedAt, arrivedAt, completedAt: null, method: 'POST', path: '/charges', route: 'POST /charges', bodyHash: null, headers: {}, idempotencyKey, requestId, status: 200, outcome: 'answered',
});

test('a replay must answer 201 with the first order id and Idempotent-Replayed', () => {
  const first = answer(201, {}, '{"id":"a"}');
  assert.equal(expectReplayOf(first, answer(201, { 'idempotent-replayed': 'true' }, '{"id":"a"}')).ok, true);
  assert.equal(expectReplayOf(first, answer(201, {}, '{"id":"a"}')).ok, false);
  assert.equal(expectReplayOf(first, answer(201, { 'idempotent-replayed': 'true' }, '{"id":"b"}')).ok, false);
});

test('every attempt must carry the key and the request id, and their number is exact', () => {
  const expected = { count: 2, idempotencyKey: 'k', requestId: 'r' };
  assert.equal(expectAttemptsCarry([attempt(1, 'k', 'r'), attempt(2, 'k', 'r')], expected).ok, true);
  const dropped = expectAttemptsCarry([attempt(1, 'k', 'r'), attempt(2, null, 'r')], expected);
  assert.equal(dropped.ok, false);
  assert.match(dropped.detail, /attempt 2: Idempotency-Key \(none\)/);
  assert.equal(expectAttemptsCarry([attempt(1, 'k', 'r')], expected).ok, false);
});

test('an attempt arriving at or after start + deadline fails the check, one before it passes', () => {
  const request = answer(504, {}, '', 10_000);
  assert.equal(expectNoAttemptFromDeadline([attempt(10_002, 'k', 'r'), attempt(10_599.9, 'k', 'r')], request, 600).ok, true);
  assert.equal(expectNoAttemptFromDeadline([attempt(10_002, 'k', 'r'), attempt(10_600, 'k', 'r')], request, 600).ok, false);
  assert.equal(expectNoAttemptFromDeadline([], request, 600).ok, false);
});

test('every 503 and 429 needs a Retry-After of at least one whole second; other answers are not looked at', () => {
  assert.equal(expectRetryAfterOnEvery([answer(503, { 'retry-after': '1' }), answer(429, { 'retry-after': '3' }), answer(502)]).ok, true);
  assert.equal(expectRetryAfterOnEvery([answer(503, { 'retry-after': '1' }), answer(503, {}, '{"type":"/problems/bulkhead-full"}')]).ok, false);
  assert.equal(expectRetryAfterOnEvery([answer(503, { 'retry-after': '0' })]).ok, false);
  assert.equal(expectRetryAfterOnEvery([answer(201)]).ok, false, 'a scenario that provoked none has nothing to show');
});

test('a raw HTTP/1.1 answer is parsed into status, headers and body', () => {
  assert.deepEqual(parseResponse('HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{"a":1}'), { status: 503, headers: { 'retry-after': '1', connection: 'close' }, body: '{"a":1}' });
  assert.equal(parseResponse('HTTP/1.1 503 Serv'), undefined);
});
