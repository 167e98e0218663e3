// The distributed lock (features/distributed-lock.feature): two backup-job runners and etcd
// (src/lock/lock-config.ts); the drill reads the runners' ticks, the checks are src/lock/lock-verdicts.ts.
import { Given, Then, When } from '@cucumber/cucumber';
import { LockDrill } from '../src/lock/lock-drill.js';
import { jobRanVerdict, noOverlapVerdict, stoppedWithinVerdict, takeoverVerdict } from '../src/lock/lock-verdicts.js';
import { FaultlineError } from '../src/errors.js';
import { waitUntilInstant } from '../src/units/clock.js';
import type { FaultlineWorld } from './support/world.js';

const drills = new WeakMap<FaultlineWorld, LockDrill>();

function drill(world: FaultlineWorld): LockDrill {
  const found = drills.get(world);
  if (!found) throw new FaultlineError('FL_MISSING_STEP', 'the lock steps need "Given the backup-job runners contend for the lock in etcd" first');
  return found;
}

Given('the backup-job runners contend for the lock in etcd', async function (this: FaultlineWorld) {
  const d = new LockDrill(this.stack);
  drills.set(this, d);
  const { holder, waitedMs } = await d.findHolder(10_000);
  this.evidence.notes.lock = { settings: d.settings, holderAtStart: holder.name, holderFoundAfterMs: waitedMs };
});

Given('the backup-job runners are restarted at the same moment', async function (this: FaultlineWorld) {
  const d = new LockDrill(this.stack);
  drills.set(this, d);
  const restartMs = await d.restartTogether();
  const { holder, waitedMs } = await d.findHolder(10_000);
  this.evidence.notes.lock = { settings: d.settings, restartMs, holderAtStart: holder.name, holderFoundAfterMs: waitedMs };
});

When('they contend for the lock for {duration}', async function (this: FaultlineWorld, ms: number) {
  await waitUntilInstant(Date.now() + ms);
});

When('the lock holder is cut off from etcd for {duration}', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const fault = d.cutFault();
  // The cut is dated before the link goes down: both bounds measured from it err on the strict side.
  d.cutAt = Date.now();
  await this.faults.inject(fault);
  await waitUntilInstant(d.cutAt + ms);
  await this.faults.remove(fault);
  d.healAt = Date.now();
});

When('the runners run on for {duration} after the link came back', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  if (d.healAt === undefined) throw new FaultlineError('FL_MISSING_STEP', "the holder's link to etcd was not cut and healed in this scenario");
  await waitUntilInstant(d.healAt + ms);
});

Then("no two holders' job ticks overlap", async function (this: FaultlineWorld) {
  const d = drill(this);
  // A runner that ticked within 5 job ticks still holds: a longer gap is a stop.
  const maxGapMs = 5 * d.settings.tickMs;
  const { verdict, report } = noOverlapVerdict(await d.ticks(), maxGapMs, d.since);
  this.evidence.notes.lockContention = await d.contention();
  this.evidence.notes.lockOverlap = { overlappingTicks: report.overlappingTicks, worstOverlapMs: report.worstOverlapMs, maxGapMs, overlaps: report.overlaps, periods: report.periods };
  this.expect(verdict);
});

Then('the backup job ticked at least {int} times', async function (this: FaultlineWorld, min: number) {
  this.expect(jobRanVerdict(await drill(this).ticks(), min));
});

Then('the other runner ticks within {duration} of the cut', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const other = (await d.ticks()).find((runner) => runner.name === d.other.name)!;
  this.expect(takeoverVerdict(other, d.cut, ms));
});

Then('the cut-off holder ticked last within {duration} of the cut', async function (this: FaultlineWorld, ms: number) {
  const d = drill(this);
  const holder = (await d.ticks()).find((runner) => runner.name === d.holder!.name)!;
  this.expect(stoppedWithinVerdict(holder, d.cut, ms));
});
