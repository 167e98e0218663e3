import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import { toxiproxyProxies, type ProxyState, type ToxicState } from '../topology/toxiproxy-state.js';
import { waitUntilInstant } from '../units/clock.js';

/**
 * Toxiproxy 2.12.0 panics (`index out of range` in ToxicLink.AddToxic, link.go:186) and takes the
 * whole server down when a toxic is added to a proxy while one of its connections is still closing
 * through a toxic that was removed: removing a toxic from a link whose stub has already closed does
 * not shorten that link's chain, and the next AddToxic indexes past the proxy's chain. The
 * model-based fuzzer found it (seed 1038455100, and again under heavy load). Such a link lives on
 * for as long as the removed toxic holds data back (a latency toxic's latency plus jitter, a
 * slow_close's delay), plus the time Toxiproxy needs to tear it down. So every removal marks its
 * proxy quiet for that long, and toxics are only added to a proxy once it is quiet again.
 */
export const teardownSettleMs = 100;

const quietUntil = new Map<string, number>();

/** How long a connection that was closing through this toxic may still hold data back, in ms. */
export function drainMs(toxic: ToxicState): number {
  const attributes = toxic.attributes ?? {};
  switch (toxic.type) {
    case 'latency':
      return (attributes.latency ?? 0) + (attributes.jitter ?? 0);
    case 'slow_close':
      return attributes.delay ?? 0;
    case 'slicer':
      // Its delay is in microseconds, per slice.
      return Math.ceil((attributes.delay ?? 0) / 1000);
    default:
      return 0;
  }
}

/** Records that toxics were removed from `proxy`: it is quiet again after their drain time. */
export function noteToxicsRemoved(proxy: string, toxics: readonly ToxicState[]): void {
  const until = Date.now() + Math.max(0, ...toxics.map(drainMs)) + teardownSettleMs;
  quietUntil.set(proxy, Math.max(quietUntil.get(proxy) ?? 0, until));
}

/** Waits until adding a toxic to `proxy` cannot meet a link still draining a removed one. */
export async function untilQuiet(proxy: string): Promise<number> {
  return waitUntilInstant(quietUntil.get(proxy) ?? 0);
}

/** Adds a toxic once the proxy is quiet (see above). */
export async function addToxicWhenQuiet(proxy: Proxy, body: Parameters<Proxy['addToxic']>[0]) {
  await untilQuiet(proxy.name);
  return proxy.addToxic(body);
}

/**
 * Removes every toxic and re-enables every proxy; each proxy is quiet again after what it held.
 * Returns the proxies as they were before, so that a caller can tell what the reset took away.
 */
export async function resetToxiproxy(toxiproxy: Toxiproxy): Promise<Record<string, ProxyState>> {
  const before = await toxiproxyProxies(toxiproxy);
  await toxiproxy.reset();
  for (const [name, proxy] of Object.entries(before)) noteToxicsRemoved(name, proxy.toxics ?? []);
  return before;
}
