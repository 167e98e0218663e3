// What the integrity checker reads after a saga scenario: the payment gateway's and the inventory's
// journals (each 2xx that reached the service is an effect) and the orders they name.
import { sql } from '../dr/database-control.js';
import type { JournalEntry } from '../faults/gateway-control.js';
import { eventually } from '../units/eventually.js';
import { expectExactCount, type Verdict } from '../probes/expectations.js';
import { metricValue } from '../probes/prometheus-text.js';
import { scrapeMetrics } from '../probes/service-metrics.js';
import type { Stack } from '../stack/stack.js';
import { checkIntegrity, describeIntegrity, integrityHolds, type Effect, type IntegrityInput, type IntegrityReport } from './integrity-checker.js';
import { sagaNames } from './saga-config.js';

const quoted = (values: readonly string[]) => values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',');
const uuid = /^[0-9a-f-]{36}$/i;

function effects(entries: readonly JournalEntry[], route: RegExp): Effect[] {
  return entries
    .filter((entry) => route.test(entry.route) && entry.status !== null && entry.status >= 200 && entry.status < 300 && entry.outcome === 'answered' && entry.idempotencyKey !== null)
    .map((entry) => ({ key: entry.idempotencyKey!, path: entry.path }));
}

/**
 * The journals name the orders to look up; the check then takes the journals read again after the
 * orders. The service stores an order only after its charge and its reservation took effect, so every
 * stored order's effects are in journals read after it. With the journals read only before, a saga
 * finished in between (a recovery just after a restart) showed a stored order without its charge. An
 * effect whose order was stored in between shows as an orphan this time; the check is repeated until
 * it holds, and the next read sees the order.
 */
async function observeIntegrity(stack: Stack, acknowledged: readonly string[]): Promise<IntegrityReport> {
  const named = await journaledEffects(stack);
  const keys = [...new Set([...acknowledged, ...named.charges.map((charge) => charge.key)])].filter((key) => uuid.test(key));
  const sagas = [...new Set(named.reservations.map((reservation) => reservation.key))].filter((id) => uuid.test(id));
  const database = stack.topology.service(sagaNames.database);
  const where = [keys.length > 0 ? `idempotency_key IN (${quoted(keys)})` : '', sagas.length > 0 ? `saga_id IN (${quoted(sagas)})` : ''].filter(Boolean).join(' OR ');
  const rows = where === '' ? [] : await sql(database, `SELECT idempotency_key, coalesce(saga_id::text, '') FROM orders WHERE ${where}`);
  const stored = rows.map((row) => {
    const [idempotencyKey, sagaId] = row.split('|') as [string, string];
    return { idempotencyKey, sagaId: sagaId === '' ? null : sagaId };
  });
  return checkIntegrity({ ...(await journaledEffects(stack)), stored, acknowledged });
}

async function journaledEffects(stack: Stack): Promise<Pick<IntegrityInput, 'charges' | 'refunds' | 'reservations' | 'releases'>> {
  const payments = (await stack.upstream(sagaNames.payment).journal()).requests;
  const inventory = (await stack.upstream(sagaNames.inventory).journal()).requests;
  return {
    charges: effects(payments, /^POST \/charges$/),
    refunds: effects(payments, /^POST \/refunds$/),
    reservations: effects(inventory, /^POST \/reservations$/),
    releases: effects(inventory, /^DELETE \/reservations\/[^/]+$/),
  };
}

/**
 * Waits until no compensation is in progress in the service (`sagas_stuck` 0) and the check holds, or
 * the time is up; returns the last report either way, with how long it took.
 */
export async function settleIntegrity(stack: Stack, acknowledged: readonly string[], withinMs: number): Promise<{ report: IntegrityReport; ms: number; ok: boolean; stuck: number }> {
  const started = performance.now();
  let last: { report: IntegrityReport; stuck: number } | undefined;
  const probe = async () => {
    const stuck = metricValue(await scrapeMetrics(stack.directUrl, stack.metricsPath('the integrity check')), 'sagas_stuck');
    last = { report: await observeIntegrity(stack, acknowledged), stuck };
    return last;
  };
  try {
    await eventually(probe, (state) => state.stuck === 0 && integrityHolds(state.report), { expected: 'no compensation in progress and every charge and reservation accounted for', withinMs, intervalMs: 200 });
    return { ...last!, ms: performance.now() - started, ok: true };
  } catch {
    const final = last ?? (await probe());
    return { ...final, ms: performance.now() - started, ok: false };
  }
}

/** The settled check as a verdict: nothing orphaned, nothing compensated twice, no compensation left in progress. */
export function settledIntegrityVerdict(outcome: { readonly report: IntegrityReport; readonly ms: number; readonly ok: boolean; readonly stuck: number }): Verdict {
  return {
    label: 'integrity: charges and reservations accounted for',
    measured: outcome.report.charges,
    unit: 'charges',
    bound: 'no orphan, nothing compensated twice',
    ok: outcome.ok && integrityHolds(outcome.report),
    detail: `${describeIntegrity(outcome.report)}; ${outcome.stuck === 0 ? 'no compensation in progress' : `${outcome.stuck} compensations still in progress`} after ${Math.round(outcome.ms)} ms`,
  };
}

/** The charges, refunds, reservations and releases the check counted, each against the number the scenario states. */
export function integrityCountVerdicts(report: Pick<IntegrityReport, 'charges' | 'refunds' | 'reservations' | 'releases'>, expected: Pick<IntegrityReport, 'charges' | 'refunds' | 'reservations' | 'releases'>): Verdict[] {
  const seen = `${report.charges} charges, ${report.refunds} refunds, ${report.reservations} reservations, ${report.releases} releases`;
  return (['charges', 'refunds', 'reservations', 'releases'] as const).map((what) => expectExactCount(what, report[what], expected[what], seen));
}
