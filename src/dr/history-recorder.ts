import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { placeOrder, sampleOrder } from '../probes/orders.js';
import type { HistoryEntry } from './history.js';

export function outcomeOf(status: number | undefined): HistoryEntry['outcome'] {
  if (status !== undefined && status >= 200 && status < 300) return 'ok';
  if (status !== undefined && status >= 400 && status < 500) return 'fail';
  return 'unknown';
}

/**
 * Concurrent writers, each placing orders with unique idempotency keys one after another, every
 * outcome recorded with its invoke and complete times. Runs until stop().
 */
export class HistoryRecorder {
  readonly prefix = `dr-${randomUUID().slice(0, 8)}`;
  private readonly entries: HistoryEntry[] = [];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(private readonly baseUrl: string, private readonly apiKey: string, private readonly writers = 4, private readonly timeoutMs = 5_000) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.writers }, (_, writer) => this.write(writer));
  }

  private async write(writer: number): Promise<void> {
    for (let sequence = 0; this.running; sequence += 1) {
      const key = `${this.prefix}-${writer}-${sequence}`;
      const invokeAt = Date.now();
      const result = await placeOrder(this.baseUrl, { apiKey: this.apiKey, idempotencyKey: key, payload: sampleOrder(sequence), timeoutMs: this.timeoutMs });
      const outcome = outcomeOf(result.status);
      const orderId = outcome === 'ok' ? (JSON.parse(result.body) as { id?: string }).id : undefined;
      this.entries.push({ key, invokeAt, completeAt: Date.now(), outcome, ...(result.status === undefined ? {} : { status: result.status }), ...(orderId ? { orderId } : {}) });
      // Fast failures (a refused connection, an instant 503) would otherwise spin.
      if (outcome !== 'ok') await sleep(25);
    }
  }

  get history(): readonly HistoryEntry[] {
    return this.entries;
  }

  acknowledgedSince(at: number): number {
    return this.entries.filter((entry) => entry.outcome === 'ok' && entry.invokeAt >= at).length;
  }

  async stop(): Promise<readonly HistoryEntry[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.entries;
  }
}
