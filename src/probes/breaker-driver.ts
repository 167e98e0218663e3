import type { GatewayControl } from '../faults/gateway-control.js';
import { placeOrdersSequentially } from './orders.js';
import { breakerStateName, scrapeMetrics } from './service-metrics.js';

export interface OpenedBreaker {
  /** Epoch ms when the last failure that opened it was answered. */
  readonly openedAt: number;
  /** Journal length right after it opened. */
  readonly journalMark: number;
}

/**
 * Opens the payment breaker the way production would: `failures` consecutive 500s from the
 * gateway. Verifies that it is open, so that later steps start from a known state.
 */
export async function openBreaker(
  gateway: GatewayControl,
  serviceUrl: string,
  metricsUrl: string,
  options: {
    readonly failures: number;
    readonly apiKey: string;
    /** Scripts the failures; steps pass one that injects them through the fault ledger. */
    readonly scriptFailures?: (count: number) => Promise<unknown>;
  },
): Promise<OpenedBreaker> {
  await (options.scriptFailures ?? ((count) => gateway.script(Array.from({ length: count }, () => ({ status: 500 })))))(options.failures);
  const results = await placeOrdersSequentially(serviceUrl, options.failures, { apiKey: options.apiKey });
  const openedAt = Date.now();
  const state = breakerStateName(await scrapeMetrics(metricsUrl));
  if (state !== 'open') {
    throw new Error(`after ${options.failures} failures the breaker is ${state}, not open; answers: ${results.map((r) => r.status ?? r.error).join(', ')}`);
  }
  return { openedAt, journalMark: (await gateway.journal()).requests.length };
}
