import { randomBytes } from 'node:crypto';
import { FaultlineError } from '../errors.js';
import { resolveImageCatalog } from '../images/image-catalog.js';
import { eventually } from '../units/eventually.js';
import { clearRestore, noteRestore, type RestoreAction } from '../topology/restore-journal.js';
import { runId } from '../topology/run-labels.js';
import type { Fault, FaultRecord } from './fault.js';
import { describeImpairment, validateImpairment, type PacketDirection, type PacketImpairment } from './packet-impairment.js';
import { kernelSupport } from './packet-kernel.js';
import { counterDeltas, parseQdiscStats, parseQueueCounters, parseSnmp, ruleCounters, type QueueCounters } from './packet-observation.js';
import { namespaceSnapshotCommand, normaliseSnapshot, packetPlan, type OneDirection, type PacketPath, type PacketPlan, type PlanNames } from './packet-plan.js';
import { Sidecar } from './sidecar.js';

/** The container whose network namespace takes the fault. */
export interface PacketTarget {
  /** Its name in the configuration, for the report. */
  readonly name: string;
  readonly containerId: () => string;
}

/** What the fault did, next to what it was configured to do. */
export interface PacketObservation {
  readonly windowMs: number;
  readonly paths: Readonly<Partial<Record<OneDirection, PacketPath>>>;
  /** fl-nfqueue's counters (nfqueue path). */
  readonly queue?: QueueCounters;
  /** Packets that reached the random-drop rules and those they dropped (iptables-statistic path). */
  readonly statistic?: { readonly seen: number; readonly dropped: number };
  /** The shaping qdiscs' statistics (tbf or netem path), per device. */
  readonly qdiscs?: Readonly<Record<string, ReturnType<typeof parseQdiscStats>>>;
  /** Deltas of the target's TCP counters over the window: retransmissions, checksum errors, out-of-order. */
  readonly tcp: Readonly<Record<string, number>>;
}

/** Per target: the namespace as the first active packet fault found it, and whether a fault created nft's filter table. */
interface TargetState {
  before: string;
  createdFilterTable: boolean | undefined;
  users: number;
}
const targets = new Map<string, TargetState>();

let sequence = 0;
const statsFile = '/tmp/fl-nfqueue.json';

/**
 * Loss, corruption, duplication, delay, reordering or rate on a container's own network interface,
 * in either direction, the way Pumba does it: from a helper container that joins the target's network
 * namespace with NET_ADMIN, so the target's image needs nothing. netem where the kernel has it, else
 * iptables, fl-nfqueue and TBF (see packet-plan.ts); the record names the path taken. remove() takes
 * every rule, qdisc and device away and checks that the namespace is exactly as the fault found it.
 */
export class PacketFault implements Fault {
  readonly record: FaultRecord;
  private readonly parameters: Record<string, unknown>;
  private helper: Sidecar | undefined;
  private plan: PacketPlan | undefined;
  private names: PlanNames | undefined;
  private targetId = '';
  private tcpBefore: Record<string, number> = {};
  private injectedAtMs = 0;
  private observation: PacketObservation | undefined;
  /** What the watchdog undoes if the run dies with the fault in place (a container the run does not own keeps its namespace). */
  private restore: RestoreAction | undefined;
  private claimed = false;

  constructor(
    private readonly target: PacketTarget,
    readonly impairment: PacketImpairment,
    readonly direction: PacketDirection = 'both',
    private readonly seed = randomBytes(4).readUInt32BE(0),
  ) {
    validateImpairment(impairment);
    this.parameters = { ...impairment, direction, seed };
    this.record = {
      kind: `packet:${impairment.kind}`,
      target: target.name,
      description: `${describeImpairment(impairment)} on ${target.name}'s network (${direction === 'both' ? 'sent and received' : direction === 'egress' ? 'sent' : 'received'} packets)`,
      parameters: this.parameters,
    };
  }

  /** The paths taken, once injected. */
  get paths(): Readonly<Partial<Record<OneDirection, PacketPath>>> {
    return this.plan?.paths ?? {};
  }

  /** The last observation: taken by observe() while active, and finally by remove(). */
  get observed(): PacketObservation | undefined {
    return this.observation;
  }

  async inject(): Promise<void> {
    if (this.helper) return;
    const kernel = await kernelSupport();
    this.targetId = this.target.containerId();
    const id = `${process.pid.toString(36)}${(++sequence).toString(36)}`.slice(-6);
    const names: PlanNames = { tag: `faultline-packet-${id}`, queue: 1000 + ((process.pid * 131 + sequence) % 60000), ifb: `flifb${id}`.slice(0, 15), devices: [], seed: this.seed, statsFile };
    const nfqueue = packetPlan(this.impairment, this.direction, kernel, names).nfqueue;
    const helper = await Sidecar.start(
      this.targetId,
      `${this.record.description}`,
      { network: true, capabilities: ['NET_ADMIN', 'NET_RAW'] },
      nfqueue ?? ['sleep', 'infinity'],
    );
    this.helper = helper;
    const done: string[][] = [];
    try {
      const devices = (await helper.exec(['sh', '-c', "ip -o link show | cut -d: -f2 | cut -d@ -f1 | tr -d ' '"]))
        .split('\n')
        .map((line) => line.trim())
        .filter((device) => device !== '' && device !== 'lo' && !device.startsWith('flifb'));
      if (devices.length === 0) throw new FaultlineError('FL_CONTAINER_FAULT', `${this.target.name} has no network interface but loopback: a packet fault needs one`);
      this.names = { ...names, devices };
      const plan = packetPlan(this.impairment, this.direction, kernel, this.names);
      this.plan = plan;
      await this.claimTarget(helper, plan, kernel.iptables === 'iptables-nft');
      if (plan.nfqueue) {
        // The queue rule bypasses an unbound queue: the fault is on only once fl-nfqueue listens.
        await eventually(() => helper.exec(['cat', statsFile]), (text) => parseQueueCounters(text) !== undefined, { expected: 'fl-nfqueue to bind its queue', withinMs: 5_000, intervalMs: 20 });
      }
      this.tcpBefore = parseSnmp(await helper.exec(['cat', '/proc/net/snmp', '/proc/net/netstat']));
      // A filter table a fault created goes too, once no rule or chain of anyone else is in it.
      const dropFilterTable = targets.get(this.targetId)?.createdFilterTable ? [['sh', '-c', "iptables-nft-save -t filter | grep -qE '^(-A|:[^ ]+ -)' || nft delete table ip filter"]] : [];
      this.restore = { action: 'packet-undo', containerId: this.targetId, key: names.tag, image: resolveImageCatalog().chaos, commands: [...plan.remove, ...dropFilterTable] };
      noteRestore(runId, this.restore);
      for (const command of plan.inject) {
        await helper.exec(command);
        done.push([...command]);
      }
    } catch (error) {
      const plan = this.plan;
      if (plan) for (const command of plan.remove) await helper.exec(command).catch(() => undefined);
      if (this.claimed) await this.releaseTarget(helper).catch(() => undefined);
      if (this.restore) clearRestore(runId, this.restore);
      this.helper = undefined;
      await helper.stop().catch(() => undefined);
      if (error instanceof FaultlineError) throw error;
      throw new FaultlineError('FL_CONTAINER_FAULT', `injecting ${this.record.description} failed after ${done.length} command(s): ${(error as Error).message}`, { cause: error });
    }
    this.injectedAtMs = performance.now();
    this.record.injectedAt = Date.now();
    this.parameters.paths = { ...this.plan.paths };
  }

  /** What the fault has done so far (it stays injected). */
  async observe(): Promise<PacketObservation> {
    const helper = this.helper;
    const plan = this.plan;
    const names = this.names;
    if (!helper || !plan || !names) throw new Error(`${this.record.description} is not injected`);
    let queue: QueueCounters | undefined;
    if (plan.nfqueue) {
      const last = parseQueueCounters(await helper.exec(['cat', statsFile]))?.reports ?? 0;
      await helper.exec(['sh', '-c', 'kill -USR1 1']);
      queue = (await eventually(async () => parseQueueCounters(await helper.exec(['cat', statsFile])), (counters) => (counters?.reports ?? 0) > last, { expected: 'fl-nfqueue to report its counters', withinMs: 2_000, intervalMs: 10 })).value;
    }
    let statistic: PacketObservation['statistic'];
    let qdiscs: Record<string, ReturnType<typeof parseQdiscStats>> | undefined;
    const iptables = plan.inject.find((command) => command[0]?.startsWith('iptables'))?.[0];
    for (const [direction, path] of Object.entries(plan.paths) as Array<[OneDirection, PacketPath]>) {
      if (path === 'iptables-statistic' && iptables) {
        const [seen = 0, dropped = 0] = ruleCounters(await helper.exec([iptables, '-w', '-L', direction === 'egress' ? 'OUTPUT' : 'INPUT', '-v', '-x', '-n']), names.tag);
        statistic = { seen: (statistic?.seen ?? 0) + seen, dropped: (statistic?.dropped ?? 0) + dropped };
      }
      if (path === 'tbf' || path === 'netem') {
        qdiscs ??= {};
        for (const device of direction === 'egress' ? names.devices : [names.ifb]) {
          qdiscs[`${direction}:${device}`] = parseQdiscStats(await helper.exec(['tc', '-s', 'qdisc', 'show', 'dev', device, 'root']));
        }
      }
    }
    const tcp = counterDeltas(this.tcpBefore, parseSnmp(await helper.exec(['cat', '/proc/net/snmp', '/proc/net/netstat'])));
    this.observation = {
      windowMs: Number((performance.now() - this.injectedAtMs).toFixed(1)),
      paths: { ...plan.paths },
      ...(queue ? { queue } : {}),
      ...(statistic ? { statistic } : {}),
      ...(qdiscs ? { qdiscs } : {}),
      tcp,
    };
    return this.observation;
  }

  async remove(): Promise<void> {
    const helper = this.helper;
    const plan = this.plan;
    if (!helper || !plan) return;
    const problems: string[] = [];
    await this.observe().catch((error: Error) => problems.push(`reading what the fault did: ${error.message}`));
    for (const command of plan.remove) {
      await helper.exec(command).catch((error: Error) => problems.push(error.message));
    }
    if (this.restore) clearRestore(runId, this.restore);
    this.helper = undefined;
    let restored: boolean | undefined;
    try {
      restored = await this.releaseTarget(helper);
      if (restored === false) problems.push(`the namespace of ${this.target.name} differs from before the fault`);
    } catch (error) {
      problems.push(`comparing the namespace with before the fault: ${(error as Error).message}`);
    }
    await helper.stop().catch((error: Error) => problems.push(`stopping the helper: ${error.message}`));
    this.record.removedAt = Date.now();
    if (restored !== undefined) this.parameters.namespaceRestored = restored;
    if (this.observation) this.parameters.observed = this.observation;
    if (problems.length > 0) {
      throw new FaultlineError('FL_CONTAINER_FAULT', `removing ${this.record.description} left work undone: ${problems.join('; ')}`);
    }
  }

  private async claimTarget(helper: Sidecar, plan: PacketPlan, nft: boolean): Promise<void> {
    let state = targets.get(this.targetId);
    if (!state) {
      state = { before: normaliseSnapshot(await helper.exec(namespaceSnapshotCommand)), createdFilterTable: undefined, users: 0 };
      targets.set(this.targetId, state);
    }
    if (plan.usesIptables && nft && state.createdFilterTable === undefined) {
      const exists = await helper.exec(['nft', 'list', 'table', 'ip', 'filter']).then(() => true, () => false);
      state.createdFilterTable = !exists;
    }
    state.users += 1;
    this.claimed = true;
  }

  /**
   * The last packet fault on the target removes the filter table a fault created (iptables-nft
   * leaves it behind, empty) and says whether the namespace is as the first one found it.
   */
  private async releaseTarget(helper: Sidecar): Promise<boolean | undefined> {
    const state = targets.get(this.targetId);
    if (!state || !this.claimed) return undefined;
    this.claimed = false;
    state.users -= 1;
    if (state.users > 0) return undefined;
    targets.delete(this.targetId);
    if (state.createdFilterTable) {
      const filter = await helper.exec(['iptables-nft-save', '-t', 'filter']);
      const ours = filter.split('\n').every((line) => !line.startsWith('-A') && !(line.startsWith(':') && !/^:(INPUT|FORWARD|OUTPUT) ACCEPT/.test(line)));
      if (ours) await helper.exec(['nft', 'delete', 'table', 'ip', 'filter']);
    }
    return normaliseSnapshot(await helper.exec(namespaceSnapshotCommand)) === state.before;
  }
}
