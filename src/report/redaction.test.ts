import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor, isSecretKey } from './redaction.js';

describe('isSecretKey', () => {
  it('recognises the usual names of secrets', () => {
    for (const name of ['POSTGRES_PASSWORD', 'DB_PASS', 'apiKey', 'X-API-Key', 'API_KEYS', 'GITHUB_TOKEN', 'clientSecret', 'Authorization', 'session_cookie', 'PGPASSWORD']) {
      assert.ok(isSecretKey(name), name);
    }
  });

  it('leaves ordinary names alone', () => {
    for (const name of ['ATTEMPT_TIMEOUT_MS', 'keyword', 'monkey', 'passed', 'toxicity', 'BREAKER_THRESHOLD', 'latency']) {
      assert.ok(!isSecretKey(name), name);
    }
  });
});

describe('Redactor', () => {
  const redactor = new Redactor();

  it('redacts name=value, name: value and JSON fields whose name looks secret', () => {
    assert.equal(redactor.text('POSTGRES_PASSWORD=s3cret user=app'), 'POSTGRES_PASSWORD=[redacted] user=app');
    assert.equal(redactor.text('{"apiKey":"abc","retries":3}'), '{"apiKey":"[redacted]","retries":3}');
    assert.equal(redactor.text("X-API-Key: abc123 path=/orders"), 'X-API-Key: [redacted] path=/orders');
    assert.equal(redactor.text('GET /orders?token=abc&page=2'), 'GET /orders?token=[redacted]&page=2');
  });

  it('redacts credentials after an auth scheme', () => {
    assert.equal(redactor.text('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y'), 'Authorization: [redacted]');
    assert.equal(redactor.text('authorization: Bearer lowercaseonly'), 'authorization: [redacted]');
    assert.equal(redactor.text('{"Proxy-Authorization":"Basic dXNlcjpwYXNz","page":2}'), '{"Proxy-Authorization":"[redacted]","page":2}');
    assert.equal(redactor.text('curl -H "X: Token a1b2c3d4e5f6" /orders'), 'curl -H "X: Token [redacted]" /orders');
    assert.equal(redactor.text('sent Bearer abcdefgh.ijk'), 'sent Bearer [redacted]');
  });

  it('leaves prose alone that only looks like a scheme or an assignment', () => {
    for (const prose of ['a character outside the Basic Multilingual Plane crashes the request', 'one order per idempotency key (runs per second): 41.3 runs/s', 'Token Bucket refills']) {
      assert.equal(redactor.text(prose), prose);
    }
  });

  it('does not redact a value twice', () => {
    assert.equal(redactor.text('X-API-Key: [redacted] next'), 'X-API-Key: [redacted] next');
    const known = new Redactor(['known-bearer-token']);
    assert.equal(known.text('Authorization: Bearer known-bearer-token'), 'Authorization: [redacted]');
  });

  it('replaces known secret values wherever they occur, but not short ordinary words', () => {
    const known = Redactor.fromEnvironment({ DB_PASSWORD: 'correct-horse-battery', SHORT_TOKEN: 'abc', PATH: '/usr/bin' });
    assert.equal(known.text('connecting with correct-horse-battery to db'), 'connecting with [redacted] to db');
    assert.equal(known.text('abc /usr/bin'), 'abc /usr/bin');
  });

  it('walks objects: secret-named leaves are replaced, everything else is kept', () => {
    const value = { configuration: { DB_PASSWORD: 'x', PORT: '8080' }, notes: { keys: ['a', 'b'], count: 2, nested: { clientSecret: 7 } } };
    assert.deepEqual(redactor.value(value), {
      configuration: { DB_PASSWORD: '[redacted]', PORT: '8080' },
      notes: { keys: '[redacted]', count: 2, nested: { clientSecret: '[redacted]' } },
    });
  });

  it('learns secret values from the evidence itself', () => {
    const evidence = { service: { configuration: { DB_PASSWORD: 'leaked-password-1' } }, logs: 'auth failed for leaked-password-1' };
    assert.equal(redactor.including(evidence).value(evidence).logs, 'auth failed for [redacted]');
  });
});
