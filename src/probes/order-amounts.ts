import type { Verdict } from './expectations.js';
import type { ProbeResult } from './http-probe.js';

interface OrderBody {
  readonly id: string;
  readonly amount: number;
  readonly currency: string;
  readonly items: ReadonlyArray<{ readonly sku: string; readonly quantity: number }>;
}

function parse(result: ProbeResult): OrderBody | undefined {
  try {
    return JSON.parse(result.body) as OrderBody;
  } catch {
    return undefined;
  }
}

/**
 * No order stored with a wrong amount: each acknowledged order reads back with the amount, currency
 * and items it was acknowledged with, and the same items always cost the same (the reference
 * service derives prices from the SKU), across the scenario's samples and read-backs.
 */
export function expectConsistentAmounts(acknowledged: readonly ProbeResult[], readBack: ReadonlyMap<string, ProbeResult>): Verdict {
  const problems: string[] = [];
  const priceOf = new Map<string, number>();
  for (const result of acknowledged) {
    const order = parse(result);
    if (!order) {
      problems.push(`an acknowledged order's body is not JSON: ${result.body.slice(0, 80)}`);
      continue;
    }
    const stored = readBack.get(order.id);
    const storedOrder = stored?.status === 200 ? parse(stored) : undefined;
    if (!storedOrder) {
      problems.push(`order ${order.id} could not be read back (${stored?.status ?? stored?.error ?? 'not read'})`);
      continue;
    }
    if (storedOrder.amount !== order.amount || storedOrder.currency !== order.currency || JSON.stringify(storedOrder.items) !== JSON.stringify(order.items)) {
      problems.push(`order ${order.id} was acknowledged as ${order.amount} ${order.currency} and is stored as ${storedOrder.amount} ${storedOrder.currency}`);
    }
    const itemsKey = `${order.currency} ${JSON.stringify(order.items)}`;
    const price = priceOf.get(itemsKey);
    if (price === undefined) priceOf.set(itemsKey, order.amount);
    else if (price !== order.amount) problems.push(`the same items cost ${price} and ${order.amount} (${itemsKey})`);
  }
  return {
    label: 'orders stored with a wrong amount',
    measured: problems.length,
    unit: 'orders',
    bound: 'exactly 0',
    ok: acknowledged.length > 0 && problems.length === 0,
    detail: acknowledged.length === 0 ? 'no order was acknowledged, so none could be checked' : `${problems.length} of ${acknowledged.length} acknowledged orders: ${problems.slice(0, 5).join('; ') || 'none wrong'}`,
  };
}
