// Disaster recovery (features/disaster-recovery.feature) on a cluster Patroni manages: the drill
// (src/dr/cluster-drill.ts) injects the faults, watches the members' roles and records the writers'
// history; Patroni alone promotes and demotes. The checks are in src/dr/patroni-verdicts.ts and
// src/dr/failover-verdicts.ts.
import { Given, Then, When } from '@cucumber/cucumber';
import { dumpSnapshot, measureOrders, restoreDump, seedOrders } from '../src/dr/backup.js';
import { ClusterDrill } from '../src/dr/cluster-drill.js';
import { orderIdsByKey, sql } from '../src/dr/database-control.js';
import { idempotentRetriesVerdict, lostAndDuplicatedVerdicts, recoveryTimeVerdict, restoreMatchesSnapshotVerdicts, restoreTimeVerdict } from '../src/dr/failover-verdicts.js';
import { HistoryRecorder } from '../src/dr/history-recorder.js';
import { retryAcrossFailover } from '../src/dr/idempotent-clients.js';
import { clusterMembers, memberStatus, switchover } from '../src/dr/patroni-api.js';
import { patroniNames } from '../src/dr/patroni-config.js';
import { applyPatroniSettings, defaultPatroniSettings, withOverrides } from '../src/dr/patroni-settings.js';
import { demotedFirstVerdict, noPromotionVerdict, partitionLossVerdicts, promotionVerdict, rejoinVerdict } from '../src/dr/patroni-verdicts.js';
import { restoreTargetSpec } from '../src/dr/restore-target.js';
import { OneShotFault } from '../src/faults/one-shot-fault.js';
import { LinkDownFault } from '../src/faults/link-down-fault.js';
import { ProcessPauseFault } from '../src/faults/process-pause-fault.js';
import { resolveImageCatalog } from '../src/images/image-catalog.js';
import { activeMutant } from '../src/mutants/mutant-catalog.js';
import { expectExactCount, timeVerdict } from '../src/probes/expectations.js';
import { eventually } from '../src/units/eventually.js';
import { withinMs } from '../src/units/tolerance.js';
import { waitUntilInstant } from '../src/units/clock.js';
import { FaultlineError } from '../src/errors.js';
import type { FaultlineWorld } from './support/world.js';

function drill(world: FaultlineWorld): ClusterDrill {
  if (!world.cluster) throw new FaultlineError('FL_MISSING_CAPABILITY', 'this step needs the Patroni cluster: tag the scenario or its feature @dr');
  return world.cluster;
}

async function replicate(world: FaultlineWorld, mode: 'sync' | 'async', failsafe: boolean): Promise<void> {
  await world.ready();
  const mutant = activeMutant();
  const settings = withOverrides({ ...defaultPatroniSettings, synchronous_mode: mode === 'sync', synchronous_mode_strict: mode === 'sync', failsafe_mode: failsafe }, mutant?.service === 'patroni' ? mutant.environment : {});
  const d = drill(world);
  await applyPatroniSettings(await d.primary(), settings);
  d.settings = settings;
}

Given('Patroni replicates {replication}ly', async function (this: FaultlineWorld, mode: 'sync' | 'async') {
  await replicate(this, mode, false);
});

Given('Patroni replicates {replication}ly with failsafe mode', async function (this: FaultlineWorld, mode: 'sync' | 'async') {
  await replicate(this, mode, true);
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

// The replicas stop receiving the primary's WAL: a synchronous primary acknowledges nothing more
// (strict synchronous mode); an asynchronous one acknowledges what no replica has.
When("the primary member's replication link is cut", async function (this: FaultlineWorld) {
  const d = drill(this);
  const link = patroniNames.link('replication', (await d.primary()).spec.name);
  const fault = new LinkDownFault(this.stack.topology.proxyOf(link), link);
  await this.faults.inject(fault);
  d.replicationCutAt = Date.now();
  d.marks.push({ at: d.replicationCutAt, label: 'replication cut' });
});

// Part of the fault schedule, not a wait for a state: the writers run against a primary that cannot
// replicate for this long, which makes what an asynchronous primary acknowledges alone deterministic.
When('the replication link stays cut for {duration}', async function (this: FaultlineWorld, ms: number) {
  const cutAt = drill(this).replicationCutAt;
  if (cutAt === undefined) throw new FaultlineError('FL_MISSING_STEP', "the primary member's replication link was not cut in this scenario");
  await waitUntilInstant(cutAt + ms);
});

When('the primary member is killed', async function (this: FaultlineWorld) {
  await this.faults.inject(await drill(this).killPrimaryFault());
});

When('the primary member is partitioned from etcd and the other members', async function (this: FaultlineWorld) {
  const d = drill(this);
  const primary = (await d.primary()).spec.name;
  d.heldFaults = d.partitionFaults(primary);
  // The partition begins with its first link: etcd's, then the replicas', then the REST API's.
  d.notePartition(primary);
  for (const fault of d.heldFaults) await this.faults.inject(fault);
});

When('the partition heals', async function (this: FaultlineWorld) {
  const d = drill(this);
  for (const fault of d.heldFaults.splice(0)) await this.faults.remove(fault);
  d.noteHealing('partition healed');
});

When('etcd stops answering', async function (this: FaultlineWorld) {
  const d = drill(this);
  const primary = (await d.primary()).spec.name;
  d.heldFaults = [new ProcessPauseFault(this.stack.topology.service(patroniNames.etcd))];
  d.noteDcsLoss(primary);
  await this.faults.inject(d.heldFaults[0]!);
});

When('etcd answers again', async function (this: FaultlineWorld) {
  const d = drill(this);
  for (const fault of d.heldFaults.splice(0)) await this.faults.remove(fault);
  d.noteHealing('etcd back');
});

When('a switchover to a replica is asked of Patroni', async function (this: FaultlineWorld) {
  const d = drill(this);
  const primary = await d.primary();
  // In synchronous mode Patroni hands over only to the synchronous standby.
  const syncStandby = (await clusterMembers(primary)).find((member) => member.role === 'sync_standby')?.name;
  const candidate = syncStandby ? d.member(syncStandby) : (await d.replicas())[0];
  d.noteSwitchover(primary.spec.name, candidate!.spec.name);
  await this.faults.inject(new OneShotFault('db:switchover', primary.spec.name, `a planned switchover from ${primary.spec.name} to ${candidate!.spec.name} (POST /switchover)`, () => switchover(primary, candidate!.spec.name)));
});

When('the old primary member is started again', async function (this: FaultlineWorld) {
  const d = drill(this);
  await d.member(d.oldPrimary!).restart();
  d.noteHealing(`${d.oldPrimary} started again`);
});

Then('Patroni promotes another member within {duration} of the fault', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const promoted = await d.awaitPromotion(ms);
  this.evidence.notes.promotion = promoted && { ...promoted, afterFaultMs: promoted.at - d.faultAt! };
  this.expect(promotionVerdict(promoted, d.faultAt!, ms));
});

Then('writes are acknowledged again within {duration} of the {word}', async function (this: FaultlineWorld, ms: number, event: string) {
  const d = drill(this);
  const rto = event === 'fault' ? await d.recoveryTime(ms) : await d.recoveredAfter(d.instantOf(event), ms);
  this.evidence.notes[`recoveryAfter ${event}Ms`] = rto;
  // No write at all: a service that died says so first (its last log lines are in the diagnostics).
  const serviceState = rto === undefined ? await this.stack.service.runState() : 'running';
  this.expect(recoveryTimeVerdict(event, rto, ms, serviceState === 'running' ? undefined : `${this.stack.service.spec.name} ${serviceState}`));
});

Then('the old primary stopped being primary before the new primary was promoted', function (this: FaultlineWorld) {
  const d = drill(this);
  this.expect(demotedFirstVerdict(d.oldPrimary!, d.demotedAt(), d.promoted(), d.faultAt!));
});

Then('the old primary took {int} writes after the new primary was promoted', async function (this: FaultlineWorld, count: number) {
  const d = drill(this);
  const promoted = d.promoted();
  if (!promoted) throw new FaultlineError('FL_MISSING_STEP', 'no member was promoted in this scenario ("Then Patroni promotes another member within 20s of the fault")');
  const writes = await d.writesOnOldPrimaryAfter(promoted.at);
  this.evidence.notes.splitBrainWrites = writes;
  this.expect(expectExactCount(`orders ${d.oldPrimary} created after ${promoted.member} was promoted (split brain)`, writes, count, `read from ${d.oldPrimary} directly before it rejoined`));
});

Then('the primary demotes itself within {duration} of the fault', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const { value: demotedAt } = await eventually(async () => d.demotedAt(), (at) => at !== undefined, { expected: `${d.oldPrimary} to stop being primary`, withinMs: withinMs(ms) + 2_000, intervalMs: 50 }).catch(() => ({ value: undefined }));
  if (demotedAt !== undefined) d.marks.push({ at: demotedAt, label: `${d.oldPrimary} demoted` });
  this.expect(timeVerdict(`time from the fault to ${d.oldPrimary}'s demotion`, demotedAt === undefined ? Number.NaN : demotedAt - d.faultAt!, { maxMs: ms }, demotedAt === undefined ? `${d.oldPrimary} stayed primary` : `${d.oldPrimary} stopped being primary ${demotedAt - d.faultAt!} ms after the fault`));
});

// The cluster without a primary is the documented behaviour without failsafe mode: watched for a
// stated window after the demotion (three HA loops), not slept through.
Then('no member is primary for {duration} while etcd is unavailable', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const from = d.demotedAt() ?? d.faultAt!;
  await waitUntilInstant(from + ms);
  this.expect(noPromotionVerdict(d.watch.changes, { from, to: from + ms }, [], 'while etcd was unavailable'));
});

Then('the primary stays primary and takes writes for {duration} while etcd is unavailable', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const from = d.faultAt!;
  await waitUntilInstant(from + ms);
  const left = d.watch.firstLeft(d.oldPrimary!, 'primary', from);
  this.expect(expectExactCount(`times ${d.oldPrimary} stopped being primary while etcd was unavailable`, left === undefined ? 0 : 1, 0, left === undefined ? `primary throughout ${ms} ms` : `stopped ${left - from} ms after the fault`));
  const acked = d.history().filter((entry) => entry.outcome === 'ok' && entry.invokeAt >= from + ms / 2 && entry.completeAt <= from + ms).length;
  this.expect({ label: 'orders acknowledged in the second half of the window', measured: acked, unit: 'orders', bound: '> 0', ok: acked > 0, detail: `${acked} acknowledged while etcd was unavailable` });
});

Then('it rejoins the cluster as a replica of the new primary', async function (this: FaultlineWorld) {
  const d = drill(this);
  const old = d.member(d.oldPrimary!);
  const primary = await d.primary(30_000);
  const read = async () => ({ status: await memberStatus(old, 1_000), primary: await memberStatus(primary, 1_000) });
  const rejoined = ({ status, primary: leader }: Awaited<ReturnType<typeof read>>) => status.role === 'replica' && status.state === 'running' && status.timeline === leader.timeline;
  // Rejoining takes a pg_rewind (when the old primary wrote what the new one lacks) and a restart.
  const { value } = await eventually(read, rejoined, { expected: `${old.spec.name} to run as a replica on the new primary's timeline`, withinMs: withinMs(30_000), intervalMs: 200 }).catch(async () => ({ value: await read() }));
  const log = await old.logsSince(d.faultAt ?? 0).catch(() => '');
  const rewound = log.split('\n').find((line) => /pg_rewind|rewind/i.test(line))?.trim();
  this.evidence.notes.rejoin = { member: old.spec.name, status: value.status, primary: primary.spec.name, ...(rewound ? { rewound } : {}) };
  d.marks.push({ at: Date.now(), label: `${old.spec.name} rejoined` });
  this.expect(rejoinVerdict(old.spec.name, value.status, value.primary.timeline));
});

Then('after recovery the checker finds {int} lost and {int} duplicated orders', async function (this: FaultlineWorld, lost: number, duplicated: number) {
  const d = drill(this);
  const verdict = await d.check();
  const rto = d.faultAt === undefined ? undefined : await d.recoveryTime(0);
  // A lagging replica's scenario waits for the old primary on purpose: its RTO is reported, not bounded.
  this.evidence.disasterRecovery = d.evidence(verdict, rto, d.kind === 'lagging-replica' ? { rpoCount: lost } : { rtoMs: 20_000, rpoCount: lost });
  for (const check of lostAndDuplicatedVerdicts(verdict, { lost, duplicated })) this.expect(check);
});

Then('after recovery every lost order was acknowledged by the old primary between {duration} before the partition and its demotion', async function (this: FaultlineWorld, lagMs: number) {
  const d = drill(this);
  const verdict = await d.check();
  const rto = await d.recoveryTime(0);
  this.evidence.disasterRecovery = d.evidence(verdict, rto, { rtoMs: 20_000 }, this.evidence.notes.splitBrainWrites as number | undefined);
  for (const check of partitionLossVerdicts(verdict, d.faultAt!, d.demotedAt(), lagMs)) this.expect(check);
});

// A replica that stops receiving WAL (its WAL receiver frozen) while the primary writes more than
// maximum_lag_on_failover, then the only other candidates die: Patroni must leave the cluster without
// a primary rather than promote a member that lacks acknowledged writes.
When('a replica stops receiving WAL', async function (this: FaultlineWorld) {
  const d = drill(this);
  const [, lagging] = await d.replicas();
  // A replica just cloned may not stream yet: its WAL receiver is awaited (a clone under a busy machine
  // has taken more than 15 s to start one), then frozen (SIGSTOP).
  const receiver = async () => (await lagging!.exec(['ps', '-eo', 'pid,args'], 'postgres')).split('\n').find((line) => /walreceiver/.test(line))?.trim().split(/\s+/)[0];
  const { value: pid } = await eventually(receiver, (found) => found !== undefined, { expected: `a WAL receiver in ${lagging!.spec.name}`, withinMs: withinMs(45_000), intervalMs: 200 });
  await lagging!.exec(['kill', '-STOP', pid!], 'postgres');
  this.evidence.notes.laggingReplica = lagging!.spec.name;
  d.kind = 'lagging-replica';
  d.marks.push({ at: Date.now(), label: `${lagging!.spec.name} stops receiving WAL` });
});

When('the primary writes {int}MB of WAL that the replica does not receive', async function (this: FaultlineWorld, megabytes: number) {
  const d = drill(this);
  const primary = await d.primary();
  const lagging = this.evidence.notes.laggingReplica as string;
  await sql(primary, `CREATE TABLE IF NOT EXISTS wal_ballast (filler text); INSERT INTO wal_ballast SELECT repeat('x', 1000) FROM generate_series(1, ${megabytes * 1100})`);
  // The lag Patroni judges by is against the primary's position as last published in etcd (once per
  // loop_wait): the precondition is Patroni's own figure, not the bytes written.
  const behind = (megabytes - 1) * 1_048_576;
  const { value: lag } = await eventually(async () => Number((await clusterMembers(primary)).find((member) => member.name === lagging)?.lag), (bytes) => bytes > behind, { expected: `Patroni to see ${lagging} lag more than ${behind} bytes`, withinMs: withinMs(10_000), intervalMs: 200 });
  this.evidence.notes.lagBytes = lag;
});

When('the other replica is killed', async function (this: FaultlineWorld) {
  const d = drill(this);
  const lagging = this.evidence.notes.laggingReplica as string;
  const [other] = (await d.replicas()).filter((member) => member.spec.name !== lagging);
  await this.faults.inject(d.killFault(other!, 'replica'));
});

// Watched from the lagging member's own view of the cluster (GET /cluster every 100 ms): the leader
// lock expires ttl after its last renewal, and from then on the lagging member must neither take the
// lock nor become writable for the stated window (more than two of its HA loops).
Then('the lagging replica is not promoted for {duration} after the leader lock expires', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const lagging = d.member(this.evidence.notes.laggingReplica as string);
  const { freeAt, leaders } = await d.leadersSeenBy(lagging, ms);
  d.marks.push({ at: freeAt, label: 'leader lock expired' });
  const log = await lagging.logsSince(d.faultAt!).catch(() => '');
  this.evidence.notes.lagRefusal = log.split('\n').find((line) => /maximum replication lag/i.test(line))?.trim();
  this.evidence.notes.leaderSeenByLaggingReplica = leaders.map((entry) => ({ at: entry.at - d.faultAt!, leader: entry.leader }));
  const tookLock = leaders.filter((entry) => entry.leader === lagging.spec.name).map((entry) => ({ member: lagging.spec.name, at: entry.at, role: 'primary' as const }));
  this.expect(noPromotionVerdict([...d.watch.changes, ...tookLock], { from: d.faultAt!, to: freeAt + ms }, [], `(leader lock taken or writable) while ${lagging.spec.name} lagged past maximum_lag_on_failover`));
});

Then('the old primary is primary again within {duration} of its start', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const startedAt = d.healAt!;
  const { value } = await eventually(async () => d.watch.firstSeen(d.oldPrimary!, 'primary', startedAt), (at) => at !== undefined, { expected: `${d.oldPrimary} to be primary again`, withinMs: withinMs(ms) + 2_000, intervalMs: 100 }).catch(() => ({ value: undefined }));
  if (value !== undefined) d.marks.push({ at: value, label: `${d.oldPrimary} primary again` });
  this.expect(timeVerdict(`time from ${d.oldPrimary}'s start to its being primary again`, value === undefined ? Number.NaN : value - startedAt, { maxMs: ms }, value === undefined ? `${d.oldPrimary} did not become primary` : `${d.oldPrimary} primary ${value - startedAt} ms after its start`));
});

When('{int} clients start retrying their own orders until each is acknowledged', async function (this: FaultlineWorld, clients: number) {
  await this.ready();
  this.idempotentRetries = retryAcrossFailover(this.serviceUrl, this.apiKey, clients);
});

Then('every key has exactly one order and every 2xx for a key carried the same order id', async function (this: FaultlineWorld) {
  if (!this.idempotentRetries) throw new FaultlineError('FL_MISSING_STEP', 'no clients retried in this scenario ("When 10 clients start retrying their own orders until each is acknowledged")');
  const results = await this.idempotentRetries;
  const stored = await orderIdsByKey(await drill(this).primary(30_000), results.map((result) => result.key));
  this.evidence.notes.idempotentAttempts = results.map((r) => r.attempts);
  this.expect(idempotentRetriesVerdict(results, stored));
});

Given('{int} orders in the database', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  await seedOrders(await drill(this).primary(), count);
});

// Backups are taken from a replica, as a cluster is usually backed up: the primary carries the writers.
When('a snapshot of the orders is dumped from a replica while the writers run', async function (this: FaultlineWorld) {
  const [replica] = await drill(this).replicas();
  this.evidence.notes.backupSource = replica!.spec.name;
  this.snapshot = { ...(await dumpSnapshot(replica!)), source: replica! };
  this.evidence.notes.snapshot = { count: this.snapshot.count, checksum: this.snapshot.checksum, bytes: this.snapshot.bytes };
});

When('the dump is restored into a fresh PostgreSQL container', async function (this: FaultlineWorld) {
  if (!this.snapshot) throw new FaultlineError('FL_MISSING_STEP', 'no snapshot was dumped in this scenario');
  const target = await this.stack.topology.startExtra(restoreTargetSpec(this.stack), resolveImageCatalog().postgres);
  this.restore = { target, ms: await restoreDump(this.snapshot.source, target) };
});

Then("the restored orders match the snapshot's row count and checksum", async function (this: FaultlineWorld) {
  if (!this.snapshot || !this.restore) throw new FaultlineError('FL_MISSING_STEP', 'no snapshot was dumped and restored in this scenario');
  for (const check of restoreMatchesSnapshotVerdicts(this.snapshot, await measureOrders(this.restore.target))) this.expect(check);
});

Then('the restore took less than {duration}', function (this: FaultlineWorld, ms: number) {
  this.expect(restoreTimeVerdict(this.snapshot?.count, this.restore?.ms, ms));
});
