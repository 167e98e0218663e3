import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseToxicAttributes, parseToxicType, toxicTypes } from './toxic-attributes.js';

test('every Toxiproxy toxic type is known', () => {
  assert.deepEqual([...toxicTypes].sort(), ['bandwidth', 'latency', 'limit_data', 'reset_peer', 'slicer', 'slow_close', 'timeout']);
  assert.equal(parseToxicType('reset-peer'), 'reset_peer');
});

test('an unknown toxic names itself and the known ones', () => {
  assert.throws(() => parseToxicType('lag'), (error: Error) => /FL_UNKNOWN_TOXIC: "lag"/.test(error.message) && /latency, bandwidth/.test(error.message));
});

test('attributes are parsed and checked against the type', () => {
  assert.deepEqual(parseToxicAttributes('latency', 'latency=200, jitter=10'), { latency: 200, jitter: 10 });
  assert.deepEqual(parseToxicAttributes('slicer', 'average_size=32'), { average_size: 32 });
  assert.throws(() => parseToxicAttributes('latency', 'jitter=10'), /latency needs latency/);
  assert.throws(() => parseToxicAttributes('latency', 'latency=200, rate=3'), /latency has no attribute "rate"/);
  assert.throws(() => parseToxicAttributes('bandwidth', 'rate=-1'), /bandwidth.rate must be an integer >= 0/);
  assert.throws(() => parseToxicAttributes('timeout', 'timeout'), /"timeout" in "timeout" is not name=number/);
});
