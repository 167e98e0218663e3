// fast-check arbitraries for tokens the order service must refuse, and the property every answer to
// one must satisfy. An arbitrary yields a recipe (printable, shrinkable), forged into a token per run.
import fc from 'fast-check';
import { answerProblems } from '../fuzz/problem-checks.js';
import { probe } from '../probes/http-probe.js';
import { tokenIssuer, tokenAudience } from './auth-settings.js';
import { epochSeconds, mintKeyConfusion, mintTampered, mintToken, mintUnsigned, mintWithOtherKey, type TokenClaims } from './token-minter.js';

/** Beyond the leeway by at least this much, so that a second ticking over never makes a token valid. */
const marginSeconds = 5;
/** Node's default `maxHeaderSize` (16 KB): a header section above it is answered 431 by the parser. */
const headerLimitBytes = 16_384;

export type HostileToken =
  | { readonly kind: 'other key'; readonly claims: TokenClaims }
  | { readonly kind: 'alg none'; readonly claims: TokenClaims }
  | { readonly kind: 'HS256 with the public key'; readonly claims: TokenClaims; readonly secret: 'pem' | 'jwk' }
  | { readonly kind: 'wrong issuer'; readonly claims: TokenClaims }
  | { readonly kind: 'wrong audience'; readonly claims: TokenClaims }
  | { readonly kind: 'expired'; readonly claims: TokenClaims; readonly beyondLeewaySeconds: number }
  | { readonly kind: 'not yet valid'; readonly claims: TokenClaims; readonly beyondLeewaySeconds: number }
  | { readonly kind: 'tampered'; readonly claims: TokenClaims; readonly changed: TokenClaims }
  | { readonly kind: 'huge'; readonly length: number }
  | { readonly kind: 'malformed'; readonly token: string };

const subject = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
const roles = fc.subarray(['user', 'admin', 'auditor']);
const claims: fc.Arbitrary<TokenClaims> = fc.record({ sub: subject, roles });
const otherThan = (value: string) => fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text !== value && text.trim() !== '');
const segment = fc.base64String({ maxLength: 60 }).map((text) => text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'));
/** Header-safe characters only: the client refuses to send control characters at all. */
const visible = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 80 });

const malformed: fc.Arbitrary<string> = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.')).filter((token) => token.split('.').length !== 3),
  fc.tuple(segment, segment, segment).map((parts) => parts.join('.')),
  fc.tuple(visible, segment, segment).map(([header, payload, signature]) => `${Buffer.from(`{${header}`).toString('base64url')}.${payload}.${signature}`),
  fc.tuple(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })).map(([header, payload]) => `${b64(header)}.${b64(payload)}.`),
  visible.filter((text) => text !== ''),
);

export function hostileToken(): fc.Arbitrary<HostileToken> {
  const beyond = fc.integer({ min: marginSeconds, max: 10 * 365 * 86_400 });
  return fc.oneof(
    claims.map((c) => ({ kind: 'other key' as const, claims: c })),
    claims.map((c) => ({ kind: 'alg none' as const, claims: { ...c, roles: ['admin'] } })),
    fc.tuple(claims, fc.constantFrom('pem' as const, 'jwk' as const)).map(([c, secret]) => ({ kind: 'HS256 with the public key' as const, claims: c, secret })),
    fc.tuple(claims, otherThan(tokenIssuer)).map(([c, iss]) => ({ kind: 'wrong issuer' as const, claims: { ...c, iss } })),
    fc.tuple(claims, otherThan(tokenAudience)).map(([c, aud]) => ({ kind: 'wrong audience' as const, claims: { ...c, aud } })),
    fc.tuple(claims, beyond).map(([c, seconds]) => ({ kind: 'expired' as const, claims: c, beyondLeewaySeconds: seconds })),
    fc.tuple(claims, beyond).map(([c, seconds]) => ({ kind: 'not yet valid' as const, claims: c, beyondLeewaySeconds: seconds })),
    fc.tuple(claims, fc.oneof(subject.map((sub) => ({ sub, roles: ['user'] })), subject.map((sub) => ({ sub, roles: ['admin'] }))))
      .filter(([original, changed]) => original.sub !== changed.sub || original.roles.join() !== changed.roles.join())
      .map(([c, changed]) => ({ kind: 'tampered' as const, claims: c, changed })),
    // Over the service's 8 KB token limit but under the header limit, and well over the header limit.
    fc.oneof(fc.integer({ min: 8_200, max: 15_000 }), fc.integer({ min: 17_000, max: 120_000 })).map((length) => ({ kind: 'huge' as const, length })),
    malformed.map((token) => ({ kind: 'malformed' as const, token })),
  );
}

/** Expired and not-yet-valid recipes say how far beyond the leeway; the times are made absolute here. */
export async function forge(recipe: HostileToken, leewaySeconds: number, now = epochSeconds()): Promise<string> {
  switch (recipe.kind) {
    case 'other key':
      return mintWithOtherKey(recipe.claims);
    case 'alg none':
      return mintUnsigned(recipe.claims);
    case 'HS256 with the public key':
      return mintKeyConfusion(recipe.claims, recipe.secret);
    case 'wrong issuer':
    case 'wrong audience':
      return mintToken(recipe.claims);
    case 'expired':
      return mintToken({ ...recipe.claims, exp: now - leewaySeconds - recipe.beyondLeewaySeconds });
    case 'not yet valid':
      return mintToken({ ...recipe.claims, nbf: now + leewaySeconds + recipe.beyondLeewaySeconds });
    case 'tampered':
      return mintTampered(recipe.claims, recipe.changed);
    case 'huge':
      return `${'a'.repeat(recipe.length - 10)}.e30.c2ln`.slice(0, recipe.length);
    case 'malformed':
      return recipe.token;
  }
}

/** 431 for a header section over Node's limit, 401 for every other hostile token. */
export function expectedStatus(token: string): number {
  return token.length > headerLimitBytes ? 431 : 401;
}

export interface TokenTarget {
  readonly baseUrl: string;
  /** An order that exists, so that a token let through shows as a 2xx or a 404 instead of a 401. */
  readonly orderId: string;
  readonly leewaySeconds: number;
}

/** The property: never 2xx, never 5xx, always the documented status as a problem document. */
export function checkHostileToken(target: TokenTarget) {
  return async (recipe: HostileToken): Promise<string[]> => {
    const token = await forge(recipe, target.leewaySeconds);
    const result = await probe(target.baseUrl, { path: `/orders/${target.orderId}`, headers: { authorization: `Bearer ${token}` }, timeoutMs: 10_000 });
    const problems = answerProblems(result, false);
    const status = expectedStatus(token);
    if (result.status !== undefined && result.status !== status) problems.push(`answered ${result.status}, expected ${status}`);
    if (result.status === 401 && !/^Bearer\b/.test(result.headers['www-authenticate'] ?? '')) problems.push('a 401 without a Bearer challenge');
    return problems.map((problem) => `${recipe.kind}: ${problem}`);
  };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
