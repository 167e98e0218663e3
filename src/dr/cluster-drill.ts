// The state of one disaster-recovery scenario on the Patroni cluster: which member was primary when
// the fault came, when the fault happened, who Patroni promoted and when, and the writers' history.
// Steps drive faults through it; Patroni alone promotes and demotes. The checks read it.
import { FaultlineError } from '../errors.js';
import { LinkDownFault } from '../faults/link-down-fault.js';
import { OneShotFault } from '../faults/one-shot-fault.js';
import type { Fault } from '../faults/fault.js';
import type { DisasterRecoveryEvidence } from '../report/evidence.js';
import type { StartedService } from '../topology/started-service.js';
import type { StartedTopology } from '../topology/started-topology.js';
import { eventually } from '../units/eventually.js';
import { withinMs } from '../units/tolerance.js';
import { ClusterWatch } from './cluster-watch.js';
import { ordersCreatedAfter, readOrders } from './database-control.js';
import { checkHistory, recoveryTime, type HistoryVerdict } from './history-checker.js';
import type { HistoryEntry } from './history.js';
import type { HistoryRecorder } from './history-recorder.js';
import { memberNames, patroniNames } from './patroni-config.js';
import { applyPatroniSettings, type PatroniSettings } from './patroni-settings.js';
import { clusterMembers, memberStatus } from './patroni-api.js';
import { writeTimeline } from './write-timeline.js';

type FailoverKind = NonNullable<DisasterRecoveryEvidence['failover']>['kind'];

export class ClusterDrill {
  recorder: HistoryRecorder | undefined;
  settings: PatroniSettings | undefined;
  kind: FailoverKind | undefined;
  /** Epoch ms of the fault RTO is measured from (kill, partition, etcd lost, switchover asked). */
  faultAt: number | undefined;
  healAt: number | undefined;
  replicationCutAt: number | undefined;
  /** The member that was primary when the fault came. */
  oldPrimary: string | undefined;
  readonly marks: Array<{ at: number; label: string }> = [];
  /** The faults a later step heals (a partition's links, etcd's pause). */
  heldFaults: Fault[] = [];
  private mark = Date.now();
  private verdict: HistoryVerdict | undefined;
  readonly watch: ClusterWatch;

  constructor(private readonly topology: StartedTopology) {
    this.watch = new ClusterWatch(this.members());
  }

  members(): StartedService[] {
    return memberNames().map((name) => this.topology.service(name));
  }

  member(name: string): StartedService {
    return this.topology.service(name);
  }

  /** Waits until exactly one member says it is primary and returns it. */
  async primary(withinMsNominal = 20_000): Promise<StartedService> {
    const { value } = await eventually(async () => this.watch.primaries(), (primaries) => primaries.length === 1, { expected: 'exactly one member to be primary', withinMs: withinMs(withinMsNominal), intervalMs: 100 });
    return this.member(value[0]!);
  }

  /** The replicas of the current primary. */
  async replicas(): Promise<StartedService[]> {
    const primary = await this.primary();
    return this.members().filter((member) => member !== primary);
  }

  private noteFault(kind: FailoverKind, label: string, oldPrimary: string): void {
    // A scenario may name its kind before the fault (a lagging replica, then the primary killed).
    this.kind ??= kind;
    this.oldPrimary = oldPrimary;
    this.faultAt = Date.now();
    this.marks.push({ at: this.faultAt, label });
  }

  /**
   * SIGKILL to the primary member's container (Patroni and PostgreSQL die together). The fault instant
   * is the signal's: the watch may see the member gone before Docker reports its exit. Writes the
   * dying primary still acknowledged are not a recovery: RTO counts from its demotion on.
   */
  async killPrimaryFault(): Promise<Fault> {
    const primary = await this.primary();
    return this.killFault(primary, 'primary member', () => this.noteFault('kill', `${primary.spec.name} killed`, primary.spec.name));
  }

  /** SIGKILL to a member's container; `noteFault` runs as the signal is sent. */
  killFault(member: StartedService, role: string, noteFault = () => {}): Fault {
    const name = member.spec.name;
    return new OneShotFault(role === 'primary member' ? 'db:kill-primary' : 'db:kill-replica', name, `the ${role} ${name} is killed (SIGKILL to Patroni and PostgreSQL)`, async () => {
      noteFault();
      await member.signal('SIGKILL');
      await member.waitForExit();
    }, { signal: 'SIGKILL' });
  }

  /**
   * The leader as `member` sees it (GET /cluster every 100 ms) from now until the old primary's lock
   * has expired and `windowMs` more have passed: when the lock was free, and every change of leader.
   */
  async leadersSeenBy(member: StartedService, windowMs: number): Promise<{ readonly freeAt: number; readonly leaders: ReadonlyArray<{ readonly at: number; readonly leader: string }> }> {
    const leaders: Array<{ at: number; leader: string }> = [];
    const look = async () => {
      const at = Date.now();
      const leader = await clusterMembers(member).then((members) => members.find((candidate) => candidate.role === 'leader')?.name ?? 'none', () => 'unknown');
      if (leaders.at(-1)?.leader !== leader) leaders.push({ at, leader });
      return at;
    };
    const free = () => leaders.find((entry) => entry.leader !== this.oldPrimary && entry.leader !== 'unknown')?.at;
    await eventually(async () => (await look(), free()), (at) => at !== undefined, { expected: `the leader lock of ${this.oldPrimary} to expire`, withinMs: withinMs(30_000), intervalMs: 100 });
    const freeAt = free()!;
    await eventually(look, (at) => at >= freeAt + windowMs, { expected: `${windowMs} ms watched after the lock expired`, withinMs: windowMs + 5_000, intervalMs: 100 });
    return { freeAt, leaders };
  }

  /** The links that carry etcd's, the replicas' and the other members' traffic to and from `member`; its clients' link stays up. */
  partitionFaults(member: string): LinkDownFault[] {
    return (['dcs', 'replication', 'rest'] as const).map((kind) => patroniNames.link(kind, member)).map((link) => new LinkDownFault(this.topology.proxyOf(link), link));
  }

  notePartition(member: string): void {
    this.noteFault('partition', `${member} partitioned from etcd and the members`, member);
  }

  noteDcsLoss(primary: string): void {
    this.noteFault('dcs-loss', 'etcd unavailable', primary);
  }

  noteSwitchover(from: string, to: string): void {
    this.noteFault('switchover', `switchover ${from} → ${to} asked`, from);
  }

  noteHealing(label: string): void {
    this.healAt = Date.now();
    this.marks.push({ at: this.healAt, label });
  }

  /** When another member than the old primary was first seen primary after the fault. */
  promoted(): { readonly member: string; readonly at: number } | undefined {
    const from = this.requireFault();
    const change = this.watch.changes.find((candidate) => candidate.member !== this.oldPrimary && candidate.role === 'primary' && candidate.at >= from);
    return change && { member: change.member, at: change.at };
  }

  /** When the old primary was first seen not primary (demoted, or down) after the fault. */
  demotedAt(): number | undefined {
    return this.watch.firstLeft(this.oldPrimary!, 'primary', this.requireFault());
  }

  /** Waits until a member other than the old primary is primary; undefined when none is within the bound. */
  async awaitPromotion(boundMs: number): Promise<{ readonly member: string; readonly at: number } | undefined> {
    try {
      await eventually(async () => this.promoted(), (promoted) => promoted !== undefined, { expected: 'another member to be promoted', withinMs: withinMs(boundMs), intervalMs: 50 });
    } catch {
      return undefined;
    }
    const promoted = this.promoted()!;
    if (!this.marks.some((mark) => mark.label.startsWith('promoted'))) this.marks.push({ at: promoted.at, label: `promoted ${promoted.member}` });
    return promoted;
  }

  /** Waits until `count` more writes were acknowledged (counted from the previous wait). */
  async acknowledged(count: number, withinMsNominal = 30_000): Promise<void> {
    const since = this.mark;
    const recorder = this.requireRecorder();
    await eventually(async () => recorder.acknowledgedSince(since), (acked) => acked >= count, { expected: `${count} acknowledged orders`, withinMs: withinMs(withinMsNominal), intervalMs: 50 });
    this.mark = Date.now();
  }

  /**
   * RTO: from the fault to the first acknowledged write asked for after the old primary stopped
   * being primary. Writes the old primary still took between the fault and its demotion (a
   * partitioned primary, a switchover's last commits) are not a recovery. Undefined when none came
   * within the bound.
   */
  async recoveryTime(boundMs: number): Promise<number | undefined> {
    const faultAt = this.requireFault();
    const demotedAt = await eventually(async () => this.demotedAt(), (at) => at !== undefined, { expected: `${this.oldPrimary} to stop being primary`, withinMs: withinMs(boundMs), intervalMs: 50 }).then(({ value }) => value, () => undefined);
    if (demotedAt === undefined) return undefined;
    const rto = await this.recoveredAfter(demotedAt, Math.max(0, boundMs - (demotedAt - faultAt)));
    return rto === undefined ? undefined : rto + (demotedAt - faultAt);
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

  /** Orders the old primary created after `at`: read directly from it (its published port), before it rejoins and rewinds them away. */
  async writesOnOldPrimaryAfter(at: number): Promise<number> {
    return ordersCreatedAfter(this.member(this.oldPrimary!), at);
  }

  /** Stops the writers, reads the orders back from the primary and judges the history. */
  async check(): Promise<HistoryVerdict> {
    if (this.verdict) return this.verdict;
    const recorder = this.requireRecorder();
    const history = await recorder.stop();
    const rows = await readOrders(await this.primary(30_000), recorder.prefix);
    this.verdict = checkHistory(history, rows);
    return this.verdict;
  }

  history(): readonly HistoryEntry[] {
    return this.requireRecorder().history;
  }

  /** The instant RTO is measured from: the healing, or the fault. */
  instantOf(event: string): number {
    const at = event === 'healing' || event === 'return' ? this.healAt : this.faultAt;
    if (at === undefined) throw new FaultlineError('FL_MISSING_STEP', `no ${event} happened in this scenario`);
    return at;
  }

  evidence(verdict: HistoryVerdict, rtoMs: number | undefined, bounds: DisasterRecoveryEvidence['bounds'], splitBrainWrites?: number): DisasterRecoveryEvidence {
    const promoted = this.faultAt === undefined ? undefined : this.promoted();
    const demotedAt = this.faultAt === undefined ? undefined : this.demotedAt();
    return {
      history: { ok: verdict.counts.ok, failed: verdict.counts.fail, unknown: verdict.counts.unknown },
      lost: verdict.lost.length,
      duplicated: verdict.duplicated.length,
      unexpected: verdict.unexpected.length,
      failedButPresent: verdict.failedButPresent.length,
      ...(rtoMs === undefined ? {} : { rtoMs }),
      rpoCount: verdict.lost.length,
      ...(bounds ? { bounds } : {}),
      ...(this.kind && this.faultAt !== undefined
        ? {
            failover: {
              kind: this.kind,
              manager: 'patroni',
              faultAt: this.faultAt,
              ...(this.oldPrimary ? { oldPrimary: this.oldPrimary } : {}),
              ...(promoted ? { newPrimary: promoted.member, promotedAt: promoted.at } : {}),
              ...(demotedAt === undefined ? {} : { demotedAt }),
              ...(splitBrainWrites === undefined ? {} : { splitBrainWrites }),
            },
          }
        : {}),
      ...(this.recorder ? { timeline: writeTimeline(this.recorder.history, this.marks) } : {}),
      ...(this.settings ? { settings: { ...this.settings } } : {}),
    };
  }

  private requireFault(): number {
    if (this.faultAt === undefined) throw new FaultlineError('FL_MISSING_STEP', 'no fault happened to the cluster in this scenario ("the primary member is killed")');
    return this.faultAt;
  }

  private requireRecorder(): HistoryRecorder {
    if (!this.recorder) throw new FaultlineError('FL_MISSING_STEP', 'no writers run in this scenario ("Given 4 writers place orders continuously")');
    return this.recorder;
  }
}

/**
 * Brings a cluster a scenario left behind back to health, so that the next scenario can use it
 * instead of a new stack: every member running (killed ones started again, a frozen WAL receiver
 * resumed), exactly one primary, the others replicas on its timeline, and the default settings.
 * The scenario's faults are already removed. Throws when the cluster is not healthy within the bound.
 */
export async function restoreCluster(topology: StartedTopology, settings: PatroniSettings, boundMs = 60_000): Promise<void> {
  const members = memberNames().map((name) => topology.service(name));
  for (const member of members) {
    if (!(await member.isRunning())) await member.restart();
    else await member.exec(['sh', '-c', 'pkill -CONT -f walreceiver; true'], 'postgres');
  }
  const healthy = async () => {
    const statuses = await Promise.all(members.map((member) => memberStatus(member, 1_000)));
    const primaries = statuses.filter((status) => status.role === 'primary');
    return primaries.length === 1 && statuses.every((status) => status.state === 'running' && status.timeline === primaries[0]!.timeline) ? members[statuses.indexOf(primaries[0]!)] : undefined;
  };
  const { value: primary } = await eventually(healthy, (found) => found !== undefined, { expected: 'one primary and every other member a running replica on its timeline', withinMs: withinMs(boundMs), intervalMs: 200 });
  await applyPatroniSettings(primary!, settings);
}
