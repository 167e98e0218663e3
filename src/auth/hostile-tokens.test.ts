import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { importJWK, jwtVerify } from 'jose';
import { tokenAudience, tokenIssuer } from './auth-settings.js';
import { expectedStatus, forge, hostileToken } from './hostile-tokens.js';
import { mintToken } from './token-minter.js';
import { tokenKeys } from './token-keys.js';

const leewaySeconds = 30;

/** What the order service does with a token, offline: jose with the service's options. */
async function verifies(token: string): Promise<boolean> {
  const key = await importJWK(JSON.parse((await tokenKeys()).publicJwk) as never, 'ES256');
  try {
    await jwtVerify(token, key, { issuer: tokenIssuer, audience: tokenAudience, algorithms: ['ES256'], clockTolerance: leewaySeconds, requiredClaims: ['sub', 'exp'] });
    return true;
  } catch {
    return false;
  }
}

it('mints tokens the service settings accept', async () => {
  assert.equal(await verifies(await mintToken({ sub: 'alice', roles: ['user'] })), true);
});

it('forges only tokens that fail verification, each with its documented status', async () => {
  await fc.assert(
    fc.asyncProperty(hostileToken(), async (recipe) => {
      const token = await forge(recipe, leewaySeconds);
      assert.equal(await verifies(token), false, `${recipe.kind} verified: ${token.slice(0, 200)}`);
      assert.equal(expectedStatus(token), recipe.kind === 'huge' && recipe.length > 16_384 ? 431 : 401);
    }),
    { numRuns: 300, seed: 42 },
  );
});
