import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { placeOrder, sampleOrder } from '../probes/orders.js';

export interface RetriedOrder {
  readonly key: string;
  readonly attempts: number;
  /** The order id of every 2xx answer the client got for its key. */
  readonly acknowledgedIds: readonly string[];
}

/**
 * Clients that each keep retrying one order (same key, same body) until acknowledged, started while
 * the primary cannot acknowledge (its replication cut) and running through the failover that
 * follows. Each client then asks once more, so that a replay after the failover is compared too.
 */
export async function retryAcrossFailover(baseUrl: string, apiKey: string, clients: number, limitMs = 60_000): Promise<RetriedOrder[]> {
  const run = randomUUID().slice(0, 8);
  const client = async (index: number): Promise<RetriedOrder> => {
    const key = `retry-${run}-${index}`;
    const ids: string[] = [];
    let attempts = 0;
    const deadline = Date.now() + limitMs;
    while (ids.length < 2 && Date.now() < deadline) {
      attempts += 1;
      const result = await placeOrder(baseUrl, { apiKey, idempotencyKey: key, payload: sampleOrder(index), timeoutMs: 5_000 });
      if (result.status === 201) ids.push((JSON.parse(result.body) as { id: string }).id);
      else await sleep(100);
    }
    return { key, attempts, acknowledgedIds: ids };
  };
  return Promise.all(Array.from({ length: clients }, (_, index) => client(index)));
}
