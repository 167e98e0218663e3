// What the order service must be told to accept the suite's tokens (its JWT_* variables).
import { tokenKeys } from './token-keys.js';

export const tokenIssuer = 'https://issuer.faultline.test';
export const tokenAudience = 'orders-api';
/** Lifetime of a minted token unless a step says otherwise. */
export const tokenLifetimeSeconds = 300;

export interface AuthSettings {
  readonly leewaySeconds: number;
}

export async function authServiceSettings({ leewaySeconds }: AuthSettings): Promise<Record<string, string>> {
  return {
    JWT_PUBLIC_KEY: (await tokenKeys()).publicJwk,
    JWT_ISSUER: tokenIssuer,
    JWT_AUDIENCE: tokenAudience,
    JWT_LEEWAY_SECONDS: String(leewaySeconds),
    JWT_ALGORITHMS: 'ES256',
  };
}
