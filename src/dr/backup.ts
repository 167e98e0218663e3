// Backup and restore: a logical dump of one consistent snapshot, taken while writers run, restored
// into a fresh PostgreSQL container, must hold exactly the snapshot's rows (count and checksum).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { projectRoot } from '../project-root.js';
import type { StartedService } from '../topology/started-service.js';
import { sql } from './database-control.js';

export interface SnapshotMeasure {
  readonly count: number;
  readonly checksum: string;
}

/** Row count and an md5 over every row in id order: the same query measures the snapshot and the restore. */
const checksumSql =
  "SELECT count(*) || '|' || md5(coalesce(string_agg(id::text || ':' || idempotency_key || ':' || amount, ',' ORDER BY id), '')) FROM orders";

export async function seedOrders(primary: StartedService, count: number): Promise<void> {
  await sql(
    primary,
    `INSERT INTO orders (id, idempotency_key, request_hash, api_key_hash, customer_id, items, currency, amount, status, payment_id)
     SELECT gen_random_uuid(), 'seed-' || g || '-' || gen_random_uuid(), 'seed', 'seed', 'customer-' || (g % 97), '[{"sku":"SEED","quantity":1}]', 'EUR', 100 + g, 'paid', 'seed-' || g
     FROM generate_series(1, ${count}) AS g`,
  );
}

/** Dumps one snapshot inside the primary; returns what that snapshot held and the dump's size. */
export async function dumpSnapshot(primary: StartedService): Promise<SnapshotMeasure & { bytes: number }> {
  const script = readFileSync(join(projectRoot, 'fixtures', 'postgres', 'snapshot-dump.sh'), 'utf8');
  await primary.container.copyContentToContainer([{ content: script, target: '/tmp/snapshot-dump.sh', mode: 0o755 }]);
  const output = await primary.exec(['bash', '/tmp/snapshot-dump.sh', checksumSql], 'postgres');
  const line = output.trim().split('\n').at(-1) ?? '';
  const [count, checksum, bytes] = line.split('|');
  if (!count || !checksum || !bytes) throw new Error(`the snapshot dump printed "${output.trim()}"`);
  return { count: Number(count), checksum, bytes: Number(bytes) };
}

/** Copies the dump into `target` and restores it there; returns the restore's wall time. */
export async function restoreDump(primary: StartedService, target: StartedService): Promise<number> {
  const archive = await primary.container.copyArchiveFromContainer('/tmp/orders.dump');
  await target.container.copyArchiveToContainer(archive as unknown as Readable, '/tmp');
  const started = performance.now();
  await target.exec(['pg_restore', '-U', 'orders', '-d', 'orders', '--no-owner', '/tmp/orders.dump'], 'postgres');
  return performance.now() - started;
}

export async function measureOrders(server: StartedService): Promise<SnapshotMeasure> {
  const [line] = await sql(server, checksumSql);
  const [count, checksum] = (line ?? '').split('|');
  return { count: Number(count), checksum: checksum ?? '' };
}
