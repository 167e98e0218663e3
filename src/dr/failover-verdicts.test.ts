import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idempotentRetryProblems, recoveryTimeVerdict } from './failover-verdicts.js';
test('a retried key must be stored once, under the id every 2xx carried', () => {
  const results = [
    { key: 'once', attempts: 2, acknowledgedIds: ['id-1', 'id-1'] },
    { key: 'twice', attempts: 1, acknowledgedIds: ['id-2'] },
    { key: 'other', attempts: 1, acknowledgedIds: ['id-3'] },
  ];
  const stored = new Map([['once', ['id-1']], ['twice', ['id-2', 'id-4']], ['other', ['id-5']]]);
  assert.deepEqual(idempotentRetryProblems(results, stored), ['twice: 2 orders stored', 'other: 2xx carried id-3, stored id-5']);
});

test('a recovery without any acknowledged write says first that the service died, when it did', () => {
  assert.equal(recoveryTimeVerdict('return', 900, 20_000).ok, true);
  const none = recoveryTimeVerdict('return', undefined, 20_000);
  assert.equal(none.ok, false);
  assert.equal(none.detail, 'no write was acknowledged after the return');
  assert.equal(recoveryTimeVerdict('return', undefined, 20_000, 'order-service exited with code 1 at 06:55:21.383Z').detail, 'no write was acknowledged after the return: order-service exited with code 1 at 06:55:21.383Z');
});
