import type { Stack } from '../stack/stack.js';
import { probe } from './http-probe.js';
import { sendRequestsConcurrently } from './service-requests.js';

/**
 * A freshly started service runs cold: its database pool is empty (each first concurrent request
 * opens a connection, TCP through Toxiproxy plus SCRAM authentication), its request path is not
 * compiled yet, and the client has no pooled connections through the ingress link. Measured on two
 * cores against the reference service, the first burst of 7 orders took ~100 ms per rejected order
 * against ~20 ms once warm; that start-up cost is not the behaviour under test. So, as the
 * configuration's service.warmUp asks: rounds of concurrent readiness checks (each runs a query
 * there) and of concurrent requests, with the warm-up's own headers (its own API key).
 */
export async function warmUp(stack: Stack): Promise<void> {
  const config = stack.config.service;
  if (!config.warmUp) return;
  const { rounds, concurrency } = config.warmUp;
  const readiness = 'http' in config.readiness ? config.readiness : undefined;
  for (let round = 0; round < rounds; round += 1) {
    if (readiness) {
      const url = stack.service.hostUrl(readiness.port ?? config.ports[0]!);
      await Promise.all(Array.from({ length: concurrency }, () => probe(url, { path: readiness.http, timeoutMs: 2_000 })));
    }
    await sendRequestsConcurrently(stack, concurrency, { warmUp: true, timeoutMs: 5_000 });
  }
}
