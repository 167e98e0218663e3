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

export type ReplicationMode = 'sync' | 'async';

/** Switches the primary between synchronous and asynchronous replication and waits until it applies. */
export async function setReplication(primary: StartedService, mode: ReplicationMode, standbyName: string): Promise<void> {
  await sql(primary, `ALTER SYSTEM SET synchronous_standby_names = '${mode === 'sync' ? standbyName : ''}'`);
  await sql(primary, 'SELECT pg_reload_conf()');
  const wanted = mode === 'sync' ? 'sync' : 'async';
  await eventually(async () => (await sql(primary, `SELECT sync_state FROM pg_stat_replication WHERE application_name = '${standbyName}'`))[0], (state) => state === wanted, {
    expected: `the standby to replicate in ${wanted} mode`,
    withinMs: 10_000,
    intervalMs: 100,
  });
}

/**
 * The commit time (epoch ms, the primary's clock, which is this host's) of the last transaction a
 * standby has replayed, once it has replayed everything it received. After the replication link is
 * cut this is where the standby's copy ends: an asynchronous standby loses what was committed after it.
 */
export async function lastReplayedCommitAt(standby: StartedService): Promise<number | undefined> {
  await eventually(async () => (await sql(standby, 'SELECT pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn()'))[0], (done) => done === 't', {
    expected: `${standby.spec.name} to replay all the WAL it received`,
    withinMs: 10_000,
    intervalMs: 50,
  });
  const [at] = await sql(standby, 'SELECT floor(extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint');
  return at === undefined || at === '' ? undefined : Number(at);
}

/** Promotes the standby (pg_promote waits until it is done) and returns when it accepts writes. */
export async function promote(standby: StartedService): Promise<void> {
  const [result] = await sql(standby, 'SELECT pg_promote(true, 30)');
  if (result !== 't') throw new FaultlineError('FL_CONTROL_API', `pg_promote on ${standby.spec.name} answered ${result}`);
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


/** The idempotency keys of the orders a server holds whose key starts with `prefix`. */
export async function orderKeysWithPrefix(server: StartedService, prefix: string): Promise<string[]> {
  return sql(server, `SELECT idempotency_key FROM orders WHERE idempotency_key LIKE '${prefix}%'`);
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
