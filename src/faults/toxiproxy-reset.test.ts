import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drainMs, noteToxicsRemoved, teardownSettleMs, untilQuiet } from './toxiproxy-reset.js';

test('a removed toxic holds a closing link for as long as it delays data', () => {
  assert.equal(drainMs({ type: 'latency', attributes: { latency: 200, jitter: 50 } }), 250);
  assert.equal(drainMs({ type: 'slow_close', attributes: { delay: 500 } }), 500);
  assert.equal(drainMs({ type: 'slicer', attributes: { average_size: 32, delay: 200_000 } }), 200);
  assert.equal(drainMs({ type: 'timeout', attributes: { timeout: 0 } }), 0);
  assert.equal(drainMs({ type: 'reset_peer' }), 0);
});

test('a proxy is quiet again after the longest drain of what was removed, plus the teardown', async () => {
  const started = Date.now();
  noteToxicsRemoved('quiet-test', [{ type: 'latency', attributes: { latency: 150 } }, { type: 'timeout', attributes: { timeout: 0 } }]);
  const waited = await untilQuiet('quiet-test');
  assert.ok(waited > 150 + teardownSettleMs - 20, `waited ${waited} ms`);
  assert.ok(Date.now() - started >= 150 + teardownSettleMs - 5);
  assert.equal(await untilQuiet('quiet-test'), 0, 'quiet now');
  assert.equal(await untilQuiet('never-touched'), 0);
});
