// The signing key pair of a run: made once per process, so that every auth scenario configures the
// order service with the same public key and consecutive scenarios reuse the running service.
import { exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';

export interface TokenKeys {
  readonly privateKey: CryptoKey;
  /** The public key as a JWK in JSON: one line, so it travels in an environment variable as it is. */
  readonly publicJwk: string;
  /** The same key as PEM SPKI: the bytes an attacker would use as an HMAC secret (key confusion). */
  readonly publicPem: string;
  /** A second pair's private key: a signature that does not verify. */
  readonly otherPrivateKey: CryptoKey;
}

let keys: Promise<TokenKeys> | undefined;

export function tokenKeys(): Promise<TokenKeys> {
  keys ??= (async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const other = await generateKeyPair('ES256');
    return {
      privateKey: pair.privateKey,
      publicJwk: JSON.stringify(await exportJWK(pair.publicKey)),
      publicPem: await exportSPKI(pair.publicKey),
      otherPrivateKey: other.privateKey,
    };
  })();
  return keys;
}
