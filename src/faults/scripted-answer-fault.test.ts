// The fault against the real scriptable upstream program, in process on loopback ports.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createPaymentGateway } from '../../fixtures/payment-gateway/src/index.js';
import { GatewayControl } from './gateway-control.js';
import { FaultLedger } from './fault-ledger.js';
import { ordinal, scriptedAnswerFault, scriptedAnswerKind, statusRuns } from './scripted-answer-fault.js';
import { parseAnswer, parseSelection, scriptSeed } from './scripted-answer-phrase.js';

const upstream = createPaymentGateway({ port: 0, controlPort: 0, controlToken: 'token', host: '127.0.0.1' });
let publicUrl = '';
let control: GatewayControl;
before(async () => {
  const { port, controlPort } = await upstream.start();
  publicUrl = `http://127.0.0.1:${port}`;
  control = new GatewayControl(`http://127.0.0.1:${controlPort}`, 'token', 'inventory');
});
after(() => upstream.stop());

const reserve = async () => (await fetch(`${publicUrl}/reservations`, { method: 'POST', body: '{}' })).status;

test('inject adds the rule, remove takes it away, and the ledger records kind, target and times', async () => {
  const ledger = new FaultLedger();
  const fault = scriptedAnswerFault({ upstream: () => control }, 'inventory', 'POST /reservations', parseAnswer('503 and Retry-After 1s'), parseSelection('for every request'));
  const record = await ledger.inject(fault);
  assert.equal(record.kind, 'http:503-retry-after');
  assert.equal(record.target, 'inventory POST /reservations');
  assert.equal(record.description, 'inventory answers 503 with Retry-After 1 to POST /reservations for every request');
  assert.ok(record.injectedAt !== undefined);
  assert.deepEqual([await reserve(), await reserve()], [503, 503]);
  await ledger.removeAll();
  assert.ok(record.removedAt !== undefined && record.removedAt >= record.injectedAt);
  assert.equal(await reserve(), 200);
  await fault.remove();
});

test('a used-up "next N" fault removes without an error', async () => {
  const fault = scriptedAnswerFault({ upstream: () => control }, 'inventory', 'POST /reservations', { status: 500 }, { next: 1 });
  await fault.inject();
  assert.deepEqual([await reserve(), await reserve()], [500, 200]);
  await fault.remove();
  assert.ok(fault.record.removedAt !== undefined);
});

test('an upstream without a control API is named with the fix before anything is injected', () => {
  const stack = { upstream: (name: string): GatewayControl => { throw new Error(`"${name}" has no control API`); } };
  assert.throws(() => scriptedAnswerFault(stack, 'cache', 'GET /', { status: 500 }, { every: true }), /"cache" has no control API/);
});

test('kinds name what the caller sees', () => {
  assert.equal(scriptedAnswerKind({ status: 500 }), 'http:500');
  assert.equal(scriptedAnswerKind({ status: 429, retryAfter: '2' }), 'http:429-retry-after');
  assert.equal(scriptedAnswerKind({ status: 200, delayMs: 2000 }), 'http:slow');
  assert.equal(scriptedAnswerKind({ status: 200, hang: true }), 'http:hang');
  assert.equal(scriptedAnswerKind({ status: 200, closeMidBody: true }), 'http:close-mid-body');
  assert.equal(scriptedAnswerKind({ status: 200, truncateBody: true }), 'http:truncated');
  assert.equal(scriptedAnswerKind({ status: 200, slowHeadersMs: 500 }), 'http:slow-headers');
});

test('the phrases of the steps', () => {
  assert.deepEqual(parseAnswer('503'), { status: 503 });
  assert.deepEqual(parseAnswer('a delay of 2s'), { status: 200, delayMs: 2000 });
  assert.deepEqual(parseAnswer('a truncated body'), { status: 200, truncateBody: true });
  assert.deepEqual(parseAnswer('headers trickled over 500ms'), { status: 200, slowHeadersMs: 500 });
  assert.throws(() => parseAnswer('503 and Retry-After 1500ms'), /FL_BAD_SCRIPTED_ANSWER: Retry-After 1500ms: the header carries whole seconds; write it as 2s/);
  assert.deepEqual(parseSelection('for the next 2 requests'), { next: 2 });
  assert.deepEqual(parseSelection('for the next request'), { next: 1 });
  assert.deepEqual(parseSelection('on the 3rd request'), { nth: 3 });
  assert.deepEqual(parseSelection('for every request'), { every: true });
  assert.deepEqual(parseSelection('for 10% of requests', () => 7), { probability: 0.1, seed: 7 });
  assert.throws(() => parseSelection('for 0% of requests'), /FL_BAD_SCRIPTED_ANSWER/);
  assert.deepEqual([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal), ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']);
});

test('a status list becomes runs of "the next N", in order', () => {
  assert.deepEqual(statusRuns([503, 503, 500, 200, 200, 503]), [{ status: 503, count: 2 }, { status: 500, count: 1 }, { status: 200, count: 2 }, { status: 503, count: 1 }]);
});

test('a share of requests is replayed by FAULTLINE_SCRIPT_SEED, and a bad seed is named', () => {
  assert.equal(scriptSeed({ FAULTLINE_SCRIPT_SEED: '42' }), 42);
  assert.ok(Number.isInteger(scriptSeed({})));
  assert.throws(() => scriptSeed({ FAULTLINE_SCRIPT_SEED: 'x' }), /FL_BAD_SCRIPTED_ANSWER: FAULTLINE_SCRIPT_SEED="x"/);
  const fault = scriptedAnswerFault({ upstream: () => control }, 'inventory', 'GET /a', { status: 503 }, { probability: 0.1, seed: 42 });
  assert.match(fault.record.description, /with probability 0\.1 \(seed 42; replay with FAULTLINE_SCRIPT_SEED=42\)/);
});
