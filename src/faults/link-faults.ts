// What a Toxiproxy state says is still wrong with a set of links: a proxy that is disabled (the link
// is down), a toxic on it, or a link that has no proxy at all. Used to show that a scenario left
// nothing behind for the next one.
import type { StartedTopology } from '../topology/started-topology.js';
import type { ProxyState } from '../topology/toxiproxy-state.js';
import { resetToxiproxy } from './toxiproxy-reset.js';

/** One line per fault found on `links`, e.g. `payment: latency toxic "latency_downstream" (downstream)`; empty when clean. */
export function linkFaults(proxies: Readonly<Record<string, ProxyState>>, links: readonly string[]): string[] {
  const found: string[] = [];
  for (const link of links) {
    const proxy = proxies[link];
    if (!proxy) {
      found.push(`${link}: no Toxiproxy proxy of that name`);
      continue;
    }
    if (proxy.enabled === false) found.push(`${link}: down (proxy disabled)`);
    for (const toxic of proxy.toxics ?? []) {
      found.push(`${link}: ${toxic.type} toxic${toxic.name ? ` "${toxic.name}"` : ''}${toxic.stream ? ` (${toxic.stream})` : ''}`);
    }
  }
  return found;
}

/**
 * Removes every toxic and re-enables every link of the topology. Returns the faults it found on the
 * links: none when everything was clean. When Toxiproxy does not answer, a crashed server fails
 * with FL_TOXIPROXY_CRASHED, quoting its panic.
 */
export async function resetLinkFaults(topology: StartedTopology): Promise<string[]> {
  try {
    return linkFaults(await resetToxiproxy(topology.toxiproxy), topology.linkNames);
  } catch (error) {
    await topology.ensureToxiproxyRunning();
    throw error;
  }
}
