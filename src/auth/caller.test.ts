import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseCaller } from './caller.js';

const now = 1_800_000_000;

it('parses every caller phrase into claims relative to now', () => {
  assert.deepEqual(parseCaller('user "alice"', now), { phrase: 'user "alice"', claims: { sub: 'alice', roles: ['user'] }, form: 'signed' });
  assert.deepEqual(parseCaller('an admin', now).claims, { sub: 'admin-1', roles: ['admin'] });
  assert.deepEqual(parseCaller('user "carol" without roles', now).claims.roles, []);
  assert.equal(parseCaller('user "alice" with an unsigned token', now).form, 'unsigned');
  assert.equal(parseCaller('user "alice" with a token that expired 45s ago', now).claims.exp, now - 45);
  assert.equal(parseCaller('user "alice" with a token valid only in 1m', now).claims.nbf, now + 60);
  assert.equal(parseCaller(' user "alice" with a token valid from now ', now).claims.nbf, now);
});

it('names the phrases it knows when it meets another', () => {
  assert.throws(() => parseCaller('a stranger'), /"a stranger" is not a caller; write 'user "alice"', 'an admin'/);
  assert.throws(() => parseCaller('user "alice" with a token that expired yesterday'), /is not a caller/);
});
