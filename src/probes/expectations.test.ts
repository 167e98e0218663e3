import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expectAllStatus, expectEachWithin, expectLimited, expectPercentileWithin } from './expectations.js';
import type { ProbeResult } from './http-probe.js';
import { exitVerdicts } from './shutdown.js';

const result = (durationMs: number, status?: number): ProbeResult => ({
  method: 'POST', path: '/tips', startedAt: 0, durationMs, headers: {}, body: '', bytes: 0, chunks: 0,
  ...(status === undefined ? { error: 'ECONNRESET' } : { status }),
});

test('a lower-bound failure of "between 300ms and 300ms" prints the bound the sentence stated', () => {
  const verdict = expectEachWithin([result(120, 504)], { minMs: 300, maxMs: 300 }, 'time to the error');
  assert.equal(verdict.ok, false);
  assert.equal(verdict.measured, 120);
  assert.match(verdict.detail, /expected \[300, 300\] ms/);
  assert.doesNotMatch(verdict.detail, /\+inf/);
});

test('an upper-bound failure reports the slowest, a lower-only bound the fastest', () => {
  const upper = expectEachWithin([result(310, 504), result(900, 504)], { minMs: 300, maxMs: 300 }, 'time to the error');
  assert.equal(upper.ok, false);
  assert.equal(upper.measured, 900);
  const lower = expectEachWithin([result(150), result(250)], { minMs: 100 }, 'fastest');
  assert.equal(lower.ok, true);
  assert.equal(lower.measured, 150);
  assert.ok(expectEachWithin([result(300), result(320)], { minMs: 300, maxMs: 300 }, 'ok').ok);
});

test('"fails with 503 or 504" accepts either and names the rest', () => {
  assert.ok(expectAllStatus([result(1, 503), result(1, 504)], [503, 504], 'x').ok);
  const verdict = expectAllStatus([result(1, 503), result(5)], [503, 504], 'x');
  assert.equal(verdict.ok, false);
  assert.match(verdict.detail, /1 of 2 had another outcome: POST \/tips -> ECONNRESET/);
});

test('a latency percentile is judged against its bound', () => {
  const sample = [10, 20, 30, 40, 500].map((ms) => result(ms, 200));
  assert.ok(expectPercentileWithin(sample, 50, { maxMs: 100 }).ok);
  assert.equal(expectPercentileWithin(sample, 99, { maxMs: 100 }).ok, false);
  assert.equal(expectPercentileWithin([], 50, { maxMs: 100 }).ok, false);
});

test('an exit is judged by its time and its exact code, and a service still running says so', () => {
  const [time, code] = exitVerdicts('tip-jar', { elapsedMs: 400, exitCode: 0 }, 2000, 0, 'SIGTERM');
  assert.equal(time?.ok, true);
  assert.equal(code?.ok, true);
  assert.equal(code?.label, 'exit code of tip-jar');
  assert.equal(exitVerdicts('tip-jar', { elapsedMs: 400, exitCode: 137 }, 2000, 0, 'SIGTERM')[1]?.ok, false);
  const still = exitVerdicts('tip-jar', { elapsedMs: 2600, exitCode: undefined }, 2000, 0, 'SIGTERM');
  assert.equal(still.length, 1);
  assert.equal(still[0]?.ok, false);
  assert.match(still[0]!.detail, /still running/);
});

test("a 429 names the time to the next token alike in RateLimit's t and in Retry-After, as the scenario expects it", () => {
  const limited = (ratelimit: string, retryAfter: string) =>
    ({ method: 'POST', path: '/orders', startedAt: 0, durationMs: 1, status: 429, headers: { 'retry-after': retryAfter, ratelimit, 'ratelimit-policy': '"per-key";q=5;w=3', 'content-type': 'application/problem+json' }, body: '', bytes: 0, chunks: 1 }) as ProbeResult;
  assert.equal(expectLimited([limited('"per-key";r=0;t=1', '1')], '"per-key";q=5;w=3', 1).ok, true);
  assert.equal(expectLimited([limited('"per-key";r=0;t=0', '1')], '"per-key";q=5;w=3', 1).ok, false, 't=0 with an empty bucket');
  assert.equal(expectLimited([limited('"per-key";r=0;t=2', '1')], '"per-key";q=5;w=3', 1).ok, false, 't and Retry-After disagree');
  assert.equal(expectLimited([limited('"per-key";r=0;t=2', '2')], '"per-key";q=5;w=3', 1).ok, false, 'a Retry-After longer than the time to a token');
});
