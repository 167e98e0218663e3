import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canaryWeights, judgeCanaryStep, parseCanarySteps, parseCanaryThreshold } from './canary-thresholds.js';

test('k6 thresholds of the canary checks', () => {
  const failed = parseCanaryThreshold('http_req_failed: rate<0.01');
  assert.equal(failed.metric, 'http_req_failed');
  assert.equal(failed.threshold.value, 0.01);
  const duration = parseCanaryThreshold('http_req_duration: p(99)<500');
  assert.deepEqual(duration.threshold.metric, { kind: 'percentile', p: 99 });
  assert.equal(parseCanaryThreshold('http_req_duration:p(95)<1s').threshold.value, 1000);
});

test('a bad canary check is an FL_BAD_THRESHOLD naming the input', () => {
  for (const bad of ['rate<0.01', 'http_req_waiting: p(99)<500', 'http_req_failed: p(99)<500', 'http_req_duration: rate<0.01', 'http_req_failed: rate<<1']) {
    assert.throws(() => parseCanaryThreshold(bad), (error: Error & { code?: string }) => error.code === 'FL_BAD_THRESHOLD' && error.message.includes(bad));
  }
});

test('a step fails on its error rate or its p99, and with no canary answer at all', () => {
  const checks = ['http_req_failed: rate<0.01', 'http_req_duration: p(99)<500'].map(parseCanaryThreshold);
  const good = Array.from({ length: 20 }, () => ({ status: 201, durationMs: 40 }));
  assert.equal(judgeCanaryStep(good, checks).ok, true);
  assert.equal(judgeCanaryStep([...good, { status: 503, durationMs: 40 }], checks).ok, false);
  assert.equal(judgeCanaryStep([...good, { durationMs: 900 }], checks).ok, false);
  assert.equal(judgeCanaryStep([...good.slice(0, 19), { status: 201, durationMs: 900 }], checks).ok, false);
  assert.equal(judgeCanaryStep([], checks).ok, false);
});

test('weights give the canary its share', () => {
  for (const percent of [10, 25, 50, 100]) {
    const { canary, each } = canaryWeights(percent, 3);
    assert.ok(Math.abs((100 * canary) / (canary + 3 * each) - percent) < 1, `${percent}%`);
    assert.ok(canary <= 256 && each <= 256);
  }
  assert.deepEqual(canaryWeights(0, 3), { canary: 0, each: 67 });
});

test('canary steps rise and end at 100%', () => {
  assert.deepEqual(parseCanarySteps('10%, 25%, 50% and 100%'), [10, 25, 50, 100]);
  assert.throws(() => parseCanarySteps('10%, 5%, 100%'), /rise/);
  assert.throws(() => parseCanarySteps('10%, 50%'), /end at 100%/);
  assert.throws(() => parseCanarySteps('ten'), /percentage/);
});
