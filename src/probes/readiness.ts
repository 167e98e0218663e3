import { probe } from './http-probe.js';
import { placeOrdersConcurrently } from './orders.js';

/**
 * A freshly started service runs cold: its database pool is empty (each first concurrent request
 * opens a connection, TCP through Toxiproxy plus SCRAM authentication), its order path is not
 * compiled yet, and the client has no pooled connections through the ingress link. Measured on two
 * cores, the first burst of 7 orders took ~100 ms per rejected order against ~20 ms once warm; that
 * start-up cost is not the behaviour under test. So: concurrent readiness checks (each runs a
 * query) to fill the pool, then rounds of concurrent orders with a key of their own.
 */
export async function warmUp(serviceUrl: string, directUrl: string, warmUpKey: string, concurrency = 10, rounds = 3): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(Array.from({ length: concurrency }, () => probe(directUrl, { path: '/health/ready', timeoutMs: 2_000 })));
    await placeOrdersConcurrently(serviceUrl, concurrency, { apiKey: warmUpKey, timeoutMs: 5_000 });
  }
}
