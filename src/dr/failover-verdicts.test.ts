import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idempotentRetryProblems } from './failover-verdicts.js';
test('a retried key must be stored once, under the id every 2xx carried', () => {
  const results = [
    { key: 'once', attempts: 2, acknowledgedIds: ['id-1', 'id-1'] },
    { key: 'twice', attempts: 1, acknowledgedIds: ['id-2'] },
    { key: 'other', attempts: 1, acknowledgedIds: ['id-3'] },
  ];
  const stored = new Map([['once', ['id-1']], ['twice', ['id-2', 'id-4']], ['other', ['id-5']]]);
  assert.deepEqual(idempotentRetryProblems(results, stored), ['twice: 2 orders stored', 'other: 2xx carried id-3, stored id-5']);
});
