// What Toxiproxy reports about the stack's links: every proxy, whether it is enabled, and its
// toxics (the client library drops the toxics, so this reads GET /proxies itself).
import type { Toxiproxy } from 'toxiproxy-node-client';

export interface ToxicState {
  readonly type: string;
  readonly attributes?: Readonly<Record<string, number>>;
}

/** A proxy as GET /proxies shows it: disabled when its link is down, with its toxics. */
export interface ProxyState {
  readonly enabled?: boolean;
  readonly toxics?: readonly (ToxicState & { readonly name?: string; readonly stream?: string })[];
  readonly [field: string]: unknown;
}

export async function toxiproxyProxies(toxiproxy: Toxiproxy): Promise<Record<string, ProxyState>> {
  const response = await fetch(`${toxiproxy.host}/proxies`);
  if (!response.ok) throw new Error(`Toxiproxy GET /proxies answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, ProxyState>;
}
