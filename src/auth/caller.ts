// The callers an auth scenario names ("user \"alice\"", "an admin", "user \"bob\" with a token that
// expired 45s ago", ...) and the credentials each one sends.
import { FaultlineError } from '../errors.js';
import { parseDuration } from '../units/duration.js';
import { epochSeconds, mintToken, mintUnsigned, type TokenClaims } from './token-minter.js';

export type TokenForm = 'signed' | 'unsigned';

export interface Caller {
  /** The phrase as the scenario wrote it: the key of the caller's answer. */
  readonly phrase: string;
  readonly claims: TokenClaims;
  readonly form: TokenForm;
}

const userPattern = /^user "([^"]{1,64})"(?: (.+))?$/;
const adminSubject = 'admin-1';

/** Parses a caller phrase; the claims' times are relative to `now` (epoch seconds). */
export function parseCaller(phrase: string, now = epochSeconds()): Caller {
  const text = phrase.trim();
  if (text === 'an admin') return { phrase: text, claims: { sub: adminSubject, roles: ['admin'] }, form: 'signed' };
  const match = userPattern.exec(text);
  if (match === null) throw unknownCaller(text);
  const [, sub = '', rest] = match;
  const user: TokenClaims = { sub, roles: ['user'] };
  if (rest === undefined) return { phrase: text, claims: user, form: 'signed' };
  if (rest === 'without roles') return { phrase: text, claims: { ...user, roles: [] }, form: 'signed' };
  if (rest === 'with an unsigned token') return { phrase: text, claims: user, form: 'unsigned' };
  if (rest === 'with a token valid from now') return { phrase: text, claims: { ...user, nbf: now }, form: 'signed' };
  const expired = /^with a token that expired (\S+) ago$/.exec(rest);
  if (expired) return { phrase: text, claims: { ...user, exp: now - seconds(expired[1]!) }, form: 'signed' };
  const early = /^with a token valid only in (\S+)$/.exec(rest);
  if (early) return { phrase: text, claims: { ...user, nbf: now + seconds(early[1]!) }, form: 'signed' };
  throw unknownCaller(text);
}

export async function bearerHeader(caller: Caller): Promise<Record<string, string>> {
  const token = caller.form === 'unsigned' ? mintUnsigned(caller.claims) : await mintToken(caller.claims);
  return { authorization: `Bearer ${token}` };
}

function seconds(text: string): number {
  return Math.round(parseDuration(text) / 1000);
}

function unknownCaller(text: string): FaultlineError {
  return new FaultlineError(
    'FL_BAD_INPUT',
    `"${text}" is not a caller; write 'user "alice"', 'an admin', or 'user "alice"' followed by 'without roles', ` +
      `'with an unsigned token', 'with a token valid from now', 'with a token that expired 45s ago' or 'with a token valid only in 45s'`,
  );
}
