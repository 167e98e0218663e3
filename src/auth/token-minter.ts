// Tokens as the suite's issuer signs them, and the forgeries an attacker would try.
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { tokenAudience, tokenIssuer, tokenLifetimeSeconds } from './auth-settings.js';
import { tokenKeys } from './token-keys.js';

export interface TokenClaims {
  readonly sub: string;
  readonly roles: readonly string[];
  readonly iss?: string;
  readonly aud?: string;
  /** Seconds since the epoch; default: now + the token lifetime. */
  readonly exp?: number;
  readonly nbf?: number;
}

export const epochSeconds = (at = Date.now()): number => Math.floor(at / 1000);

export function claimsOf(claims: TokenClaims, now = epochSeconds()): JWTPayload {
  return {
    sub: claims.sub,
    roles: [...claims.roles],
    iss: claims.iss ?? tokenIssuer,
    aud: claims.aud ?? tokenAudience,
    iat: now,
    exp: claims.exp ?? now + tokenLifetimeSeconds,
    ...(claims.nbf === undefined ? {} : { nbf: claims.nbf }),
  };
}

/** ES256 with the run's key: the token the service must accept while its claims hold. */
export async function mintToken(claims: TokenClaims): Promise<string> {
  return new SignJWT(claimsOf(claims)).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign((await tokenKeys()).privateKey);
}

/** The same claims signed by a key the service does not know. */
export async function mintWithOtherKey(claims: TokenClaims): Promise<string> {
  return new SignJWT(claimsOf(claims)).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).sign((await tokenKeys()).otherPrivateKey);
}

/** `alg: none`, no signature: the claims are whatever the sender says. */
export function mintUnsigned(claims: TokenClaims): string {
  return new UnsecuredJWT(claimsOf(claims)).encode();
}

/** Key confusion: HS256 with the service's public key (PEM or JWK text) as the HMAC secret. */
export async function mintKeyConfusion(claims: TokenClaims, secretForm: 'pem' | 'jwk'): Promise<string> {
  const keys = await tokenKeys();
  const secret = new TextEncoder().encode(secretForm === 'pem' ? keys.publicPem : keys.publicJwk);
  return new SignJWT(claimsOf(claims)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
}

/** A valid token whose payload is replaced after signing: the signature no longer covers it. */
export async function mintTampered(claims: TokenClaims, changed: TokenClaims): Promise<string> {
  const [header, , signature] = (await mintToken(claims)).split('.');
  return `${header}.${Buffer.from(JSON.stringify(claimsOf(changed))).toString('base64url')}.${signature}`;
}
