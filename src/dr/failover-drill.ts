// The state of one disaster-recovery scenario: which server is primary, when faults happened,
// and the writers' history. Steps drive it; the checks read it.
import { OneShotFault } from '../faults/one-shot-fault.js';
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import type { DisasterRecoveryEvidence } from '../report/evidence.js';
import type { StartedService } from '../topology/started-service.js';
import type { StartedTopology } from '../topology/started-topology.js';
import { lastReplayedCommitAt, orderKeysWithPrefix, ordersCreatedAfter, promote, readOrders } from './database-control.js';
import type { CutWindow } from './failover-verdicts.js';
import type { HistoryEntry } from './history.js';
import { drNames } from './standby-config.js';
import { checkHistory, recoveryTime, type HistoryVerdict } from './history-checker.js';
import type { HistoryRecorder } from './history-recorder.js';
import { FaultlineError } from '../errors.js';

export class FailoverDrill {
  recorder: HistoryRecorder | undefined;
  /** Epoch ms of the fault RTO is measured from (kill or partition). */
  faultAt: number | undefined;
  cutAt: number | undefined;
  /** Commit time of the last transaction the standby replayed before promotion (after a cut). */
  lastReplayedAt: number | undefined;
  healAt: number | undefined;
  promotedAt: number | undefined;
  private mark = Date.now();
  private verdict: HistoryVerdict | undefined;

  constructor(readonly oldPrimary: StartedService, readonly standby: StartedService) {}

  /** The drill on a stack with the reference primary and its standby. */
  static of(topology: StartedTopology): FailoverDrill {
    return new FailoverDrill(topology.service(drNames.primary), topology.service(drNames.standby));
  }

  /** The old primary re-cloned from the new one (failback), once it exists. */
  rejoined: StartedService | undefined;
  switchedBackAt: number | undefined;

  get currentPrimary(): StartedService {
    if (this.switchedBackAt !== undefined && this.rejoined) return this.rejoined;
    return this.promotedAt === undefined ? this.oldPrimary : this.standby;
  }

  /**
   * Planned switchover back to the rejoined server: the current primary shuts down fast (a clean
   * shutdown sends all its WAL to the standby first), then the rejoined standby is promoted.
   */
  async switchBack(): Promise<void> {
    if (!this.rejoined) throw new FaultlineError('FL_MISSING_STEP', 'the old primary has not rejoined as a standby');
    await this.standby.signal('SIGINT');
    await this.standby.waitForExit();
    await promote(this.rejoined);
    this.switchedBackAt = Date.now();
  }

  /** The fault instant is when the primary is dead, not when the signal was asked for: a write
   *  acknowledged in between was acknowledged by the primary, not after the failover. */
  async killPrimary(): Promise<void> {
    await this.oldPrimary.signal('SIGKILL');
    await this.oldPrimary.waitForExit();
    this.faultAt = Date.now();
  }

  /** The primary's death as a fault of the ledger: its window ends when the process is gone. */
  killPrimaryFault(): OneShotFault {
    const name = this.oldPrimary.spec.name;
    return new OneShotFault('db:kill-primary', name, `the primary ${name} is killed (SIGKILL)`, () => this.killPrimary(), { signal: 'SIGKILL' });
  }

  promoteStandbyFault(): OneShotFault {
    const name = this.standby.spec.name;
    return new OneShotFault('db:promote', name, `the standby ${name} is promoted (pg_promote)`, () => this.promoteStandby());
  }

  switchBackFault(): OneShotFault {
    const name = this.standby.spec.name;
    return new OneShotFault('db:switchover', name, `a planned switchover from ${name} back to the rejoined server`, () => this.switchBack());
  }

  async promoteStandby(): Promise<void> {
    // Where the standby's copy ends, read before promotion adds transactions of its own.
    if (this.cutAt !== undefined) this.lastReplayedAt = await lastReplayedCommitAt(this.standby);
    await promote(this.standby);
    this.promotedAt = Date.now();
  }

  /** Waits until `count` more writes were acknowledged (counted from the previous wait). */
  async acknowledged(count: number, withinMsNominal = 30_000): Promise<void> {
    const since = this.mark;
    const recorder = this.requireRecorder();
    await eventually(async () => recorder.acknowledgedSince(since), (acked) => acked >= count, { expected: `${count} acknowledged orders`, withinMs: withinMs(withinMsNominal), intervalMs: 50 });
    this.mark = Date.now();
  }

  /** Waits for the first write invoked after `from` to be acknowledged; returns the time from `from` to it. */
  async recoveredAfter(from: number, boundMs: number): Promise<number | undefined> {
    const recorder = this.requireRecorder();
    try {
      await eventually(async () => recoveryTime(recorder.history, from), (rto) => rto !== undefined, { expected: 'an acknowledged write after the fault', withinMs: withinMs(boundMs) + 5_000, intervalMs: 50 });
    } catch {
      return undefined;
    }
    return recoveryTime(recorder.history, from);
  }

  /** Stops the writers, reads the current primary back and judges the history. */
  async check(): Promise<HistoryVerdict> {
    if (this.verdict) return this.verdict;
    const recorder = this.requireRecorder();
    const history = await recorder.stop();
    const rows = await readOrders(this.currentPrimary, recorder.prefix);
    this.verdict = checkHistory(history, rows);
    return this.verdict;
  }

  history(): readonly HistoryEntry[] {
    return this.requireRecorder().history;
  }

  /** When the replication link was cut and the last commit the standby replayed before its promotion. */
  replicationCut(): { readonly cutAt: number; readonly lastReplayedAt: number } {
    if (this.cutAt === undefined || this.lastReplayedAt === undefined) throw new FaultlineError('FL_MISSING_STEP', 'the replication link was not cut before the standby was promoted, or the standby replayed nothing');
    return { cutAt: this.cutAt, lastReplayedAt: this.lastReplayedAt };
  }

  /** The instant RTO is measured from: the healing of the replication link, or the fault. */
  instantOf(event: string): number {
    const at = event === 'healing' ? this.healAt : this.faultAt;
    if (at === undefined) throw new FaultlineError('FL_MISSING_STEP', `no ${event} happened in this scenario`);
    return at;
  }

  /** From the replication link's cut to its healing ("cut for 2s"). */
  cutWindow(): CutWindow {
    if (this.cutAt === undefined || this.healAt === undefined) throw new FaultlineError('FL_MISSING_STEP', 'the replication link was not cut and healed in this scenario ("the replication link is cut for 2s")');
    return { cutAt: this.cutAt, healAt: this.healAt };
  }

  /** The writers' keys each server holds: the old primary (read directly) and the promoted standby. */
  async keysOnOldAndNewPrimary(): Promise<{ readonly onOld: string[]; readonly onNew: string[] }> {
    const prefix = this.requireRecorder().prefix;
    return { onOld: await orderKeysWithPrefix(this.oldPrimary, prefix), onNew: await orderKeysWithPrefix(this.standby, prefix) };
  }

  /** Orders the old primary created after the promotion: a split brain. */
  async writesOnOldPrimaryAfterPromotion(): Promise<number> {
    if (this.promotedAt === undefined) throw new FaultlineError('FL_MISSING_STEP', 'the standby was not promoted in this scenario');
    return ordersCreatedAfter(this.oldPrimary, this.promotedAt);
  }

  evidence(verdict: HistoryVerdict, rtoMs: number | undefined, bounds: DisasterRecoveryEvidence['bounds']): DisasterRecoveryEvidence {
    return {
      history: { ok: verdict.counts.ok, failed: verdict.counts.fail, unknown: verdict.counts.unknown },
      lost: verdict.lost.length,
      duplicated: verdict.duplicated.length,
      unexpected: verdict.unexpected.length,
      failedButPresent: verdict.failedButPresent.length,
      ...(rtoMs === undefined ? {} : { rtoMs }),
      rpoCount: verdict.lost.length,
      ...(bounds ? { bounds } : {}),
    };
  }

  private requireRecorder(): HistoryRecorder {
    if (!this.recorder) throw new FaultlineError('FL_MISSING_STEP', 'no writers run in this scenario ("Given 4 writers place orders continuously")');
    return this.recorder;
  }
}
