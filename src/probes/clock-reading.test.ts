import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockOffsetSeconds } from './clock-reading.js';

test("a service's clock offset is read from its Date header, against the middle of the request", () => {
  const startedAt = Date.parse('2026-01-01T00:00:00.000Z');
  const headers = { date: 'Thu, 01 Jan 2026 01:00:00 GMT' };
  assert.equal(clockOffsetSeconds({ headers, startedAt, durationMs: 0 }), 3600);
  assert.equal(clockOffsetSeconds({ headers: {}, startedAt, durationMs: 0 }), undefined);
});
