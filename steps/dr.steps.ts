import { Given, Then, When } from '@cucumber/cucumber';
import { dumpSnapshot, measureOrders, restoreDump, seedOrders } from '../src/dr/backup.js';
import { setReplication, sql, type ReplicationMode } from '../src/dr/database-control.js';
import { rejoinedStandbyName, rejoinSpec, restoreTargetSpec } from '../src/dr/restore-target.js';
import { resolveImageCatalog } from '../src/images/image-catalog.js';
import { FailoverDrill } from '../src/dr/failover-drill.js';
import { HistoryRecorder } from '../src/dr/history-recorder.js';
import { retryAcrossFailover } from '../src/dr/idempotent-clients.js';
import { LinkDownFault } from '../src/faults/link-down-fault.js';
import { waitUntilInstant } from '../src/probes/clock.js';
import { expectAtMost, expectExactCount, timeVerdict } from '../src/probes/expectations.js';
import { mutantReplicationMode } from '../src/mutants/mutant-catalog.js';
import { drNames as referenceNames } from '../src/dr/standby-config.js';
import type { FaultlineWorld } from './support/world.js';
import { OneShotFault } from '../src/faults/one-shot-fault.js';


/** The primary's death as a fault of the ledger: its window ends when the process is gone. */
function killPrimary(world: FaultlineWorld): OneShotFault {
  const d = drill(world);
  return new OneShotFault('db:kill-primary', d.oldPrimary.spec.name, `the primary ${d.oldPrimary.spec.name} is killed (SIGKILL)`, () => d.killPrimary(), { signal: 'SIGKILL' });
}

function promoteStandby(world: FaultlineWorld): OneShotFault {
  const d = drill(world);
  return new OneShotFault('db:promote', d.standby.spec.name, `the standby ${d.standby.spec.name} is promoted (pg_promote)`, () => d.promoteStandby());
}

function drill(world: FaultlineWorld): FailoverDrill {
  world.drill ??= new FailoverDrill(world.stack.topology.service(referenceNames.primary), world.stack.topology.service(referenceNames.standby));
  return world.drill;
}

function linkDown(world: FaultlineWorld, link: string): LinkDownFault {
  world.stack.topology.link(link);
  return new LinkDownFault(() => world.stack.topology.proxy(link), link);
}

Given('{word} replication to the standby', async function (this: FaultlineWorld, mode: string) {
  if (mode !== 'synchronous' && mode !== 'asynchronous') throw new Error(`replication is "synchronous" or "asynchronous", got "${mode}"`);
  await this.ready();
  const wanted: ReplicationMode = mutantReplicationMode() ?? (mode === 'synchronous' ? 'sync' : 'async');
  await setReplication(drill(this).oldPrimary, wanted, referenceNames.standbyName);
  this.evidence.notes.replication = wanted;
});

Given('{int} writers place orders continuously', async function (this: FaultlineWorld, writers: number) {
  await this.ready();
  const recorder = new HistoryRecorder(this.serviceUrl, this.apiKey, writers);
  drill(this).recorder = recorder;
  recorder.start();
});

When('the writers have {int} (more )acknowledged orders', async function (this: FaultlineWorld, count: number) {
  await drill(this).acknowledged(count);
});

When('the replication link is cut', async function (this: FaultlineWorld) {
  await this.faults.inject(linkDown(this, 'replication'));
  drill(this).cutAt = Date.now();
});

When('the replication link is cut for {duration}', async function (this: FaultlineWorld, ms: number) {
  const fault = linkDown(this, 'replication');
  await this.faults.inject(fault);
  const cutAt = Date.now();
  drill(this).cutAt = cutAt;
  await waitUntilInstant(cutAt + ms);
  await this.faults.remove(fault);
  drill(this).healAt = Date.now();
});

When('the primary is killed', async function (this: FaultlineWorld) {
  await this.faults.inject(killPrimary(this));
});

When('the order service is partitioned from the primary', async function (this: FaultlineWorld) {
  await this.faults.inject(linkDown(this, 'db-primary'));
  drill(this).faultAt = Date.now();
});

When('the standby is promoted', async function (this: FaultlineWorld) {
  await this.faults.inject(promoteStandby(this));
});

Then('writes are acknowledged again within {duration} of the {word}', async function (this: FaultlineWorld, ms: number, event: string) {
  const d = drill(this);
  const from = event === 'healing' ? d.healAt : d.faultAt;
  if (from === undefined) throw new Error(`no ${event} happened in this scenario`);
  const rto = await d.recoveredAfter(from, ms);
  this.evidence.notes[`recoveryAfter ${event}Ms`] = rto;
  this.expect({ label: `time from the ${event} to the first acknowledged write`, measured: rto ?? Number.NaN, unit: 'ms', bound: `<= ${ms} ms`, ok: rto !== undefined && rto <= ms, detail: rto === undefined ? `no write was acknowledged after the ${event}` : `first acknowledged write ${rto} ms after the ${event}` });
});

Then('after recovery the checker finds {int} lost and {int} duplicated orders', async function (this: FaultlineWorld, lost: number, duplicated: number) {
  const d = drill(this);
  const verdict = await d.check();
  const rto = d.faultAt === undefined ? undefined : (await d.recoveredAfter(d.faultAt, 0));
  this.evidence.disasterRecovery = d.evidence(verdict, rto, { rtoMs: 10_000, rpoCount: lost });
  const detail = `history ${JSON.stringify(verdict.counts)}; lost ${verdict.lost.map((e) => e.key).slice(0, 5).join(', ') || 'none'}; duplicated ${verdict.duplicated.join(', ') || 'none'}; unexpected ${verdict.unexpected.length}; failed but present ${verdict.failedButPresent.length}`;
  this.expect(expectExactCount('lost acknowledged orders (RPO)', verdict.lost.length, lost, detail));
  this.expect(expectExactCount('duplicated orders', verdict.duplicated.length, duplicated, detail));
  this.expect(expectExactCount('unexpected or failed-but-present orders', verdict.unexpected.length + verdict.failedButPresent.length, 0, detail));
});

// Asynchronous replication loses a suffix: what the primary committed after the standby's last
// replayed transaction. That instant trails the cut by the replication lag (measured: a few ms on an
// idle machine, more with a busy core), so orders acknowledged just before the cut may be lost too;
// what must never happen is a hole: a lost order committed before the standby's last replayed one.
Then(
  "after recovery the checker finds lost orders, all committed after the standby's last replicated write, which was at most {duration} before the cut",
  async function (this: FaultlineWorld, ms: number) {
    const d = drill(this);
    const verdict = await d.check();
    this.evidence.disasterRecovery = d.evidence(verdict, undefined, undefined);
    if (d.cutAt === undefined || d.lastReplayedAt === undefined) throw new Error('the replication link was not cut before the standby was promoted, or the standby replayed nothing');
    const lastReplayedAt = d.lastReplayedAt;
    const beforeCut = verdict.lost.filter((entry) => entry.completeAt < d.cutAt!);
    this.evidence.notes.lostAcknowledgedBeforeCut = beforeCut.length;
    this.expect({ label: 'lost acknowledged orders', measured: verdict.lost.length, unit: 'orders', bound: '> 0 (asynchronous replication cut before the kill)', ok: verdict.lost.length > 0, detail: `the checker found ${verdict.lost.length} lost orders of ${verdict.counts.ok} acknowledged` });
    const holes = verdict.lost.filter((entry) => entry.completeAt < lastReplayedAt);
    this.expect(expectExactCount("lost orders acknowledged before the standby's last replayed commit", holes.length, 0, holes.map((e) => e.key).join(', ')));
    this.expect(timeVerdict("replication lag at the cut (cut - standby's last replayed commit)", d.cutAt - lastReplayedAt, { maxMs: ms }, `${beforeCut.length} lost orders were acknowledged before the cut, within that lag`));
  },
);

Then('no order was acknowledged while the replication link was cut', function (this: FaultlineWorld) {
  const d = drill(this);
  const during = d.history().filter((entry) => entry.outcome === 'ok' && d.cutAt !== undefined && d.healAt !== undefined && entry.invokeAt > d.cutAt && entry.completeAt < d.healAt);
  this.expect(expectExactCount('orders acknowledged during the cut', during.length, 0, during.map((e) => e.key).join(', ')));
});

Then('every order that failed during the cut answered {status} or {status} within {duration}', function (this: FaultlineWorld, a: number, b: number, ms: number) {
  const d = drill(this);
  const failed = d.history().filter((entry) => entry.outcome !== 'ok' && d.cutAt !== undefined && d.healAt !== undefined && entry.invokeAt > d.cutAt && entry.invokeAt < d.healAt);
  const wrong = failed.filter((entry) => entry.status !== a && entry.status !== b);
  this.expect(expectExactCount(`failed orders not answered ${a} or ${b}`, wrong.length, 0, wrong.map((e) => `${e.key}: ${e.status ?? 'no answer'}`).join(', ')));
  const slowest = Math.max(0, ...failed.map((entry) => entry.completeAt - entry.invokeAt));
  this.expect(expectAtMost('slowest failure during the cut (ms)', slowest, ms + Math.max(50, ms * 0.1), `${failed.length} failures`));
});

Then('no order exists only on the old primary', async function (this: FaultlineWorld) {
  const d = drill(this);
  const verdict = await d.check();
  this.evidence.disasterRecovery = d.evidence(verdict, undefined, undefined);
  const prefix = d.recorder!.prefix;
  const onOld = new Set((await sql(d.oldPrimary, `SELECT idempotency_key FROM orders WHERE idempotency_key LIKE '${prefix}%'`)));
  const onNew = new Set((await sql(d.standby, `SELECT idempotency_key FROM orders WHERE idempotency_key LIKE '${prefix}%'`)));
  const onlyOld = [...onOld].filter((key) => !onNew.has(key));
  this.expect(expectExactCount('orders only on the old primary', onlyOld.length, 0, onlyOld.join(', ')));
  this.expect(expectExactCount('lost acknowledged orders', verdict.lost.length, 0, verdict.lost.map((e) => e.key).join(', ')));
});

Then('the old primary took no write after the promotion', async function (this: FaultlineWorld) {
  const d = drill(this);
  const [count] = await sql(d.oldPrimary, `SELECT count(*) FROM orders WHERE created_at > to_timestamp(${d.promotedAt! / 1000})`);
  this.expect(expectExactCount('writes on the old primary after the promotion', Number(count), 0, 'split brain would show here'));
});

When('{int} clients each retry their own order until it is acknowledged while the primary is killed and the standby promoted', async function (this: FaultlineWorld, clients: number) {
  await this.ready();
  const d = drill(this);
  this.idempotentRetries = await retryAcrossFailover(this.serviceUrl, this.apiKey, clients, async () => {
    await this.faults.inject(killPrimary(this));
    await this.faults.inject(promoteStandby(this));
  });
});

Then('every key has exactly one order and every 2xx for a key carried the same order id', async function (this: FaultlineWorld) {
  const d = drill(this);
  const results = this.idempotentRetries ?? [];
  const rows = await sql(d.standby, `SELECT idempotency_key, id FROM orders WHERE idempotency_key = ANY(ARRAY[${results.map((r) => `'${r.key}'`).join(',')}]::text[])`);
  const stored = new Map<string, string[]>();
  for (const line of rows) {
    const [key, id] = line.split('|') as [string, string];
    stored.set(key, [...(stored.get(key) ?? []), id]);
  }
  const problems = results.flatMap((result) => {
    const ids = stored.get(result.key) ?? [];
    const acknowledged = new Set(result.acknowledgedIds);
    if (ids.length !== 1) return [`${result.key}: ${ids.length} orders stored`];
    if (acknowledged.size !== 1 || !acknowledged.has(ids[0]!)) return [`${result.key}: 2xx carried ${[...acknowledged].join(', ') || 'nothing'}, stored ${ids[0]}`];
    return [];
  });
  this.evidence.notes.idempotentAttempts = results.map((r) => r.attempts);
  this.expect(expectExactCount('keys without exactly one order matching every 2xx', problems.length, 0, problems.join('; ')));
});

Given('{int} orders in the database', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  await seedOrders(drill(this).oldPrimary, count);
});

When('a snapshot of the orders is dumped while the writers run', async function (this: FaultlineWorld) {
  this.snapshot = await dumpSnapshot(drill(this).oldPrimary);
  this.evidence.notes.snapshot = this.snapshot;
});

When('the dump is restored into a fresh PostgreSQL container', async function (this: FaultlineWorld) {
  const target = await this.stack.topology.startExtra(restoreTargetSpec(this.stack), resolveImageCatalog().postgres);
  this.restore = { target, ms: await restoreDump(drill(this).oldPrimary, target) };
});

Then("the restored orders match the snapshot's row count and checksum", async function (this: FaultlineWorld) {
  if (!this.snapshot || !this.restore) throw new Error('no snapshot was dumped and restored in this scenario');
  const restored = await measureOrders(this.restore.target);
  this.expect(expectExactCount('restored rows', restored.count, this.snapshot.count, `snapshot ${this.snapshot.count} rows, checksum ${this.snapshot.checksum}; restored checksum ${restored.checksum}`));
  this.expect({ label: 'restored checksum', measured: Number(restored.checksum === this.snapshot.checksum), unit: 'match', bound: this.snapshot.checksum, ok: restored.checksum === this.snapshot.checksum, detail: `snapshot md5 ${this.snapshot.checksum}, restored md5 ${restored.checksum}` });
});

Then('the restore took less than {duration}', function (this: FaultlineWorld, ms: number) {
  const took = this.restore?.ms ?? Number.NaN;
  this.expect({ label: `restore of ${this.snapshot?.count ?? '?'} orders`, measured: Number(took.toFixed(0)), unit: 'ms', bound: `< ${ms} ms`, ok: took < ms, detail: `pg_restore took ${took.toFixed(0)} ms` });
});

When('the old primary rejoins as a standby of the new primary', async function (this: FaultlineWorld) {
  const d = drill(this);
  // A fresh clone: the killed server's data directory is thrown away with its container.
  await d.oldPrimary.stop();
  d.rejoined = await this.stack.topology.startExtra(rejoinSpec(this.stack), resolveImageCatalog().postgres);
  await setReplication(d.standby, 'sync', rejoinedStandbyName);
});

When('a switchover makes it the primary again', async function (this: FaultlineWorld) {
  const d = drill(this);
  await this.faults.inject(new OneShotFault('db:switchover', d.standby.spec.name, `a planned switchover from ${d.standby.spec.name} back to the rejoined server`, () => d.switchBack()));
});

// A second of writes against a primary that cannot replicate: asynchronous replication acknowledges
// them (and loses them in the failover), synchronous replication holds them. Part of the fault
// schedule, not a wait for a state: it makes the lag deterministic.
When('the replication link stays cut for {duration}', async function (this: FaultlineWorld, ms: number) {
  const cutAt = drill(this).cutAt;
  if (cutAt === undefined) throw new Error('the replication link was not cut in this scenario');
  await waitUntilInstant(cutAt + ms);
});
