// The workload's writes as a disaster-recovery history (src/dr/history.ts), so that the DR history
// checker judges an explored run exactly as it judges a failover drill: every request is a write
// under its own idempotency key, with the outcome the caller saw, checked against the orders
// table read straight from PostgreSQL after the run (not through the service, which may answer
// from memory or a cache).
import { readOrders } from '../dr/database-control.js';
import type { HistoryEntry, StoredRow } from '../dr/history.js';
import { outcomeOf } from '../dr/history-recorder.js';
import type { Stack } from '../stack/stack.js';
import type { StepOutcome } from './run-observation.js';

/** Where the history oracle reads the orders table: the reference stack's PostgreSQL primary. */
export const historyDatabase = 'postgres-primary';

export function hasHistoryDatabase(stack: Pick<Stack, 'topology'>): boolean {
  return stack.topology.serviceNames.includes(historyDatabase);
}

/** One entry per workload request that carried an idempotency key (the configured unique header). */
export function historyOf(steps: readonly StepOutcome[]): HistoryEntry[] {
  return steps.flatMap((step) => {
    if (step.key === undefined) return [];
    const orderId = step.location?.split('/').pop();
    return [
      {
        key: step.key,
        invokeAt: step.startedAt,
        completeAt: step.startedAt + step.durationMs,
        outcome: outcomeOf(step.status),
        ...(step.status === undefined ? {} : { status: step.status }),
        ...(orderId === undefined || orderId === '' ? {} : { orderId }),
      },
    ];
  });
}

/**
 * The rows stored under one run's keys. Keys are `<request id>-<explorer nonce>`, request ids
 * `explore-<seed>-<run>-<n>`: the prefix selects the run, the nonce this explorer (another one with
 * the same seed may have written to the same table).
 */
export async function storedRowsOf(stack: Pick<Stack, 'topology'>, runPrefix: string, nonce: string): Promise<StoredRow[]> {
  const rows = await readOrders(stack.topology.service(historyDatabase), runPrefix);
  return rows.filter((row) => row.key.endsWith(`-${nonce}`));
}
