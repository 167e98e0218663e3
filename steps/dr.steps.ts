// Disaster recovery (features/disaster-recovery.feature): the failover drill (src/dr/failover-drill.ts)
// drives the databases and records the writers' history; the checks are in src/dr/failover-verdicts.ts.
import { Given, Then, When } from '@cucumber/cucumber';
import { dumpSnapshot, measureOrders, restoreDump, seedOrders } from '../src/dr/backup.js';
import { orderIdsByKey, setReplication, type ReplicationMode } from '../src/dr/database-control.js';
import { FailoverDrill } from '../src/dr/failover-drill.js';
import {
  acknowledgedDuringCutVerdict,
  failuresDuringCutVerdicts,
  idempotentRetriesVerdict,
  lostAndDuplicatedVerdicts,
  lostSuffixVerdicts,
  recoveryTimeVerdict,
  restoreMatchesSnapshotVerdicts,
  restoreTimeVerdict,
  strandedOnOldPrimaryVerdicts,
} from '../src/dr/failover-verdicts.js';
import { HistoryRecorder } from '../src/dr/history-recorder.js';
import { retryAcrossFailover } from '../src/dr/idempotent-clients.js';
import { rejoinedStandbyName, rejoinSpec, restoreTargetSpec } from '../src/dr/restore-target.js';
import { drNames } from '../src/dr/standby-config.js';
import { LinkDownFault } from '../src/faults/link-down-fault.js';
import { resolveImageCatalog } from '../src/images/image-catalog.js';
import { mutantReplicationMode } from '../src/mutants/mutant-catalog.js';
import { waitUntilInstant } from '../src/units/clock.js';
import { expectExactCount } from '../src/probes/expectations.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';

function drill(world: FaultlineWorld): FailoverDrill {
  world.drill ??= FailoverDrill.of(world.stack.topology);
  return world.drill;
}

function linkDown(world: FaultlineWorld, link: string): LinkDownFault {
  return new LinkDownFault(world.stack.topology.proxyOf(link), link);
}

Given('{replication} replication to the standby', async function (this: FaultlineWorld, mode: ReplicationMode) {
  await this.ready();
  const wanted = mutantReplicationMode() ?? mode;
  await setReplication(drill(this).oldPrimary, wanted, drNames.standbyName);
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
  await this.faults.inject(drill(this).killPrimaryFault());
});

When('the order service is partitioned from the primary', async function (this: FaultlineWorld) {
  await this.faults.inject(linkDown(this, 'db-primary'));
  drill(this).faultAt = Date.now();
});

When('the standby is promoted', async function (this: FaultlineWorld) {
  await this.faults.inject(drill(this).promoteStandbyFault());
});

Then('writes are acknowledged again within {duration} of the {word}', async function (this: FaultlineWorld, ms: number, event: string) {
  const d = drill(this);
  const rto = await d.recoveredAfter(d.instantOf(event), ms);
  this.evidence.notes[`recoveryAfter ${event}Ms`] = rto;
  this.expect(recoveryTimeVerdict(event, rto, ms));
});

Then('after recovery the checker finds {int} lost and {int} duplicated orders', async function (this: FaultlineWorld, lost: number, duplicated: number) {
  const d = drill(this);
  const verdict = await d.check();
  const rto = d.faultAt === undefined ? undefined : await d.recoveredAfter(d.faultAt, 0);
  this.evidence.disasterRecovery = d.evidence(verdict, rto, { rtoMs: 10_000, rpoCount: lost });
  for (const check of lostAndDuplicatedVerdicts(verdict, { lost, duplicated })) this.expect(check);
});

Then(
  "after recovery the checker finds lost orders, all committed after the standby's last replicated write, which was at most {duration} before the cut",
  async function (this: FaultlineWorld, ms: number) {
    const d = drill(this);
    const verdict = await d.check();
    this.evidence.disasterRecovery = d.evidence(verdict, undefined, undefined);
    const { cutAt, lastReplayedAt } = d.replicationCut();
    const { verdicts, lostAcknowledgedBeforeCut } = lostSuffixVerdicts(verdict, cutAt, lastReplayedAt, ms);
    this.evidence.notes.lostAcknowledgedBeforeCut = lostAcknowledgedBeforeCut;
    for (const check of verdicts) this.expect(check);
  },
);

Then('no order was acknowledged while the replication link was cut', function (this: FaultlineWorld) {
  const d = drill(this);
  this.expect(acknowledgedDuringCutVerdict(d.history(), d.cutWindow()));
});

Then('every order that failed during the cut answered {status} or {status} within {duration}', function (this: FaultlineWorld, a: number, b: number, ms: number) {
  const d = drill(this);
  for (const check of failuresDuringCutVerdicts(d.history(), d.cutWindow(), [a, b], ms)) this.expect(check);
});

Then('no order exists only on the old primary', async function (this: FaultlineWorld) {
  const d = drill(this);
  const verdict = await d.check();
  this.evidence.disasterRecovery = d.evidence(verdict, undefined, undefined);
  const { onOld, onNew } = await d.keysOnOldAndNewPrimary();
  for (const check of strandedOnOldPrimaryVerdicts(onOld, onNew, verdict)) this.expect(check);
});

Then('the old primary took no write after the promotion', async function (this: FaultlineWorld) {
  this.expect(expectExactCount('writes on the old primary after the promotion', await drill(this).writesOnOldPrimaryAfterPromotion(), 0, 'split brain would show here'));
});

When('{int} clients each retry their own order until it is acknowledged while the primary is killed and the standby promoted', async function (this: FaultlineWorld, clients: number) {
  await this.ready();
  const d = drill(this);
  this.idempotentRetries = await retryAcrossFailover(this.serviceUrl, this.apiKey, clients, async () => {
    await this.faults.inject(d.killPrimaryFault());
    await this.faults.inject(d.promoteStandbyFault());
  });
});

Then('every key has exactly one order and every 2xx for a key carried the same order id', async function (this: FaultlineWorld) {
  const results = this.idempotentRetries ?? [];
  const stored = await orderIdsByKey(drill(this).standby, results.map((result) => result.key));
  this.evidence.notes.idempotentAttempts = results.map((r) => r.attempts);
  this.expect(idempotentRetriesVerdict(results, stored));
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
  if (!this.snapshot || !this.restore) throw new FaultlineError('FL_MISSING_STEP', 'no snapshot was dumped and restored in this scenario');
  for (const check of restoreMatchesSnapshotVerdicts(this.snapshot, await measureOrders(this.restore.target))) this.expect(check);
});

Then('the restore took less than {duration}', function (this: FaultlineWorld, ms: number) {
  this.expect(restoreTimeVerdict(this.snapshot?.count, this.restore?.ms, ms));
});

When('the old primary rejoins as a standby of the new primary', async function (this: FaultlineWorld) {
  const d = drill(this);
  // A fresh clone: the killed server's data directory is thrown away with its container.
  await d.oldPrimary.stop();
  d.rejoined = await this.stack.topology.startExtra(rejoinSpec(this.stack), resolveImageCatalog().postgres);
  await setReplication(d.standby, 'sync', rejoinedStandbyName);
});

When('a switchover makes it the primary again', async function (this: FaultlineWorld) {
  await this.faults.inject(drill(this).switchBackFault());
});

// A second of writes against a primary that cannot replicate: asynchronous replication acknowledges
// them (and loses them in the failover), synchronous replication holds them. Part of the fault
// schedule, not a wait for a state: it makes the lag deterministic.
When('the replication link stays cut for {duration}', async function (this: FaultlineWorld, ms: number) {
  const cutAt = drill(this).cutAt;
  if (cutAt === undefined) throw new FaultlineError('FL_MISSING_STEP', 'the replication link was not cut in this scenario');
  await waitUntilInstant(cutAt + ms);
});
