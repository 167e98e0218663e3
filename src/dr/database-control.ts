// What the failover driver and the checker do to PostgreSQL, through `psql` inside the containers
// (the same client either image ships).
import { FaultlineError } from '../errors.js';
import { eventually } from '../units/eventually.js';
import type { StartedService } from '../topology/started-service.js';
import type { StoredRow } from './history.js';

const psqlArgs = (sql: string, database: string) => ['psql', '-v', 'ON_ERROR_STOP=1', '-U', 'orders', '-d', database, '-AtX', '-F', '|', '-c', sql];

export async function sql(server: StartedService, statement: string, database = 'orders'): Promise<string[]> {
  const output = await server.exec(psqlArgs(statement, database), 'postgres');
  return output.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Every order whose idempotency key starts with `prefix`, read until the server answers. */
export async function readOrders(server: StartedService, prefix: string): Promise<StoredRow[]> {
  const { value } = await eventually(() => sql(server, `SELECT idempotency_key, id FROM orders WHERE idempotency_key LIKE '${prefix}%'`), () => true, {
    expected: `a final read of the orders on ${server.spec.name}`,
    withinMs: 30_000,
    intervalMs: 250,
  });
  return value.map((line) => {
    const [key, id] = line.split('|') as [string, string];
    return { key, id };
  });
}


/** How many orders a server created after `at` (epoch ms): on a demoted primary, a split brain. */
export async function ordersCreatedAfter(server: StartedService, at: number): Promise<number> {
  const [count] = await sql(server, `SELECT count(*) FROM orders WHERE created_at > to_timestamp(${at / 1000})`);
  return Number(count);
}

/** The ids stored under each of `keys` (a key stored twice has two). */
export async function orderIdsByKey(server: StartedService, keys: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await sql(server, `SELECT idempotency_key, id FROM orders WHERE idempotency_key = ANY(ARRAY[${keys.map((key) => `'${key}'`).join(',')}]::text[])`);
  const stored = new Map<string, string[]>();
  for (const line of rows) {
    const [key, id] = line.split('|') as [string, string];
    stored.set(key, [...(stored.get(key) ?? []), id]);
  }
  return stored;
}
