import type { PacketDirection, PacketImpairment } from './packet-impairment.js';

/**
 * How an impairment is applied in the target's network namespace. netem where the kernel has it;
 * otherwise what this kernel offers: iptables' statistic match (random drops), an NFQUEUE rule
 * feeding fl-nfqueue (a user-space program that drops, corrupts, duplicates, delays or reorders),
 * and the TBF qdisc (rate; received traffic through an IFB device).
 */
export type PacketPath = 'netem' | 'iptables-statistic' | 'nfqueue' | 'tbf';

export type OneDirection = Exclude<PacketDirection, 'both'>;

export interface KernelSupport {
  readonly netem: boolean;
  /** The iptables binary whose backend the kernel has: iptables-nft, else iptables-legacy. */
  readonly iptables: 'iptables-nft' | 'iptables-legacy';
}

/** Names a plan uses, unique per fault so that two faults on one target never touch each other's. */
export interface PlanNames {
  /** iptables comment of every rule of the fault. */
  readonly tag: string;
  readonly queue: number;
  /** IFB device for received traffic (at most 15 characters). */
  readonly ifb: string;
  /** The target's interfaces other than loopback. */
  readonly devices: readonly string[];
  readonly seed: number;
  readonly statsFile: string;
}

/** Marked packets are fl-nfqueue's own copies (duplicates); the queue rule lets them by. */
const duplicateMark = '0xf1f1';

function directionsOf(direction: PacketDirection): OneDirection[] {
  return direction === 'both' ? ['egress', 'ingress'] : [direction];
}

export function pathFor(impairment: PacketImpairment, direction: OneDirection, kernel: KernelSupport): PacketPath {
  if (kernel.netem) return 'netem';
  switch (impairment.kind) {
    case 'rate':
      return 'tbf';
    case 'loss':
      // A packet the target sends that iptables drops in OUTPUT is refused to the sending socket
      // (EPERM), which a wire never does: the sender would learn of the loss at once. A received
      // packet dropped in INPUT is exactly a lost packet. Egress loss, and any correlated loss
      // (the statistic match draws independently), go through the queue, whose drops are silent.
      return direction === 'ingress' && !impairment.correlation ? 'iptables-statistic' : 'nfqueue';
    default:
      return 'nfqueue';
  }
}

export interface PacketPlan {
  readonly paths: Readonly<Partial<Record<OneDirection, PacketPath>>>;
  /** Commands run in the helper (which shares the target's network namespace), in order. */
  readonly inject: ReadonlyArray<readonly string[]>;
  /** Commands that undo inject, in order. */
  readonly remove: ReadonlyArray<readonly string[]>;
  /** fl-nfqueue's command line, when a direction goes through the queue: the helper's main process. */
  readonly nfqueue?: readonly string[];
  readonly usesIptables: boolean;
}

const chainOf = (direction: OneDirection) => (direction === 'egress' ? 'OUTPUT' : 'INPUT');
const notLoopback = (direction: OneDirection) => (direction === 'egress' ? ['!', '-o', 'lo'] : ['!', '-i', 'lo']);
const fixed = (value: number, digits: number) => String(+value.toFixed(digits));

function netemArguments(impairment: PacketImpairment): string[] {
  const pct = (fraction: number) => `${fixed(fraction * 100, 4)}%`;
  switch (impairment.kind) {
    case 'loss':
      return ['loss', pct(impairment.probability), ...(impairment.correlation ? [pct(impairment.correlation)] : [])];
    case 'corruption':
      return ['corrupt', pct(impairment.probability)];
    case 'duplication':
      return ['duplicate', pct(impairment.probability)];
    case 'delay':
      return ['delay', `${fixed(impairment.delayMs, 3)}ms`, ...(impairment.jitterMs ? [`${fixed(impairment.jitterMs, 3)}ms`] : [])];
    case 'reordering':
      // netem reorders only delayed traffic: the given fraction goes at once, the rest waits the gap.
      return ['delay', `${fixed(impairment.gapMs ?? 10, 3)}ms`, 'reorder', pct(impairment.probability)];
    case 'rate':
      return ['rate', `${fixed(impairment.kbitPerSecond, 3)}kbit`];
  }
}

function tbfArguments(kbitPerSecond: number): string[] {
  const bytesPerSecond = (kbitPerSecond * 1000) / 8;
  // At least two full-size frames per burst (TBF cannot pass a packet larger than its bucket), and
  // 20 ms worth of traffic so that the kernel timer's granularity does not lower the rate.
  const burst = Math.max(3200, Math.ceil(bytesPerSecond * 0.02));
  return ['tbf', 'rate', `${fixed(kbitPerSecond, 3)}kbit`, 'burst', String(burst), 'latency', '400ms'];
}

function nfqueueArguments(impairment: PacketImpairment, names: PlanNames): string[] {
  const common = ['fl-nfqueue', '--queue', String(names.queue), '--seed', String(names.seed), '--mark', duplicateMark, '--stats-interval', '1000', '--stats-file', names.statsFile];
  switch (impairment.kind) {
    case 'loss':
      return [...common, '--loss', String(impairment.probability), ...(impairment.correlation ? ['--loss-correlation', String(impairment.correlation)] : [])];
    case 'corruption':
      return [...common, '--corrupt', String(impairment.probability)];
    case 'duplication':
      return [...common, '--duplicate', String(impairment.probability)];
    case 'delay':
      return [...common, '--delay', String(impairment.delayMs), '--jitter', String(impairment.jitterMs)];
    case 'reordering':
      return [...common, '--reorder', String(impairment.probability), ...(impairment.gapMs === undefined ? [] : ['--reorder-gap', String(impairment.gapMs)])];
    case 'rate':
      throw new Error('a rate is applied with TBF, not through the queue');
  }
}

/** The commands that apply `impairment` in `direction` and the ones that take it away again. */
export function packetPlan(impairment: PacketImpairment, direction: PacketDirection, kernel: KernelSupport, names: PlanNames): PacketPlan {
  const inject: string[][] = [];
  const remove: string[][] = [];
  const paths: Partial<Record<OneDirection, PacketPath>> = {};
  let nfqueue: string[] | undefined;
  let usesIptables = false;
  let ifbUsed = false;
  const iptables = (direction: OneDirection, spec: string[]) => {
    usesIptables = true;
    const rule = [chainOf(direction), ...notLoopback(direction), '-m', 'comment', '--comment', names.tag, ...spec];
    inject.push([kernel.iptables, '-w', '-I', rule[0]!, '1', ...rule.slice(1)]);
    remove.unshift([kernel.iptables, '-w', '-D', ...rule]);
  };
  const ingressThroughIfb = (qdisc: string[]) => {
    // Received traffic is redirected to an IFB device, where a root qdisc applies as it would to sent traffic.
    if (!ifbUsed) {
      ifbUsed = true;
      inject.push(['ip', 'link', 'add', names.ifb, 'type', 'ifb'], ['ip', 'link', 'set', names.ifb, 'up']);
      for (const device of names.devices) {
        inject.push(
          ['tc', 'qdisc', 'add', 'dev', device, 'handle', 'ffff:', 'ingress'],
          ['tc', 'filter', 'add', 'dev', device, 'parent', 'ffff:', 'protocol', 'all', 'u32', 'match', 'u32', '0', '0', 'action', 'mirred', 'egress', 'redirect', 'dev', names.ifb],
        );
      }
      remove.unshift(...names.devices.map((device) => ['tc', 'qdisc', 'del', 'dev', device, 'handle', 'ffff:', 'ingress']), ['ip', 'link', 'del', names.ifb]);
    }
    inject.push(['tc', 'qdisc', 'add', 'dev', names.ifb, 'root', ...qdisc]);
  };
  const rootQdisc = (qdisc: string[]) => {
    for (const device of names.devices) {
      inject.push(['tc', 'qdisc', 'add', 'dev', device, 'root', ...qdisc]);
      remove.unshift(['tc', 'qdisc', 'del', 'dev', device, 'root']);
    }
  };

  for (const one of directionsOf(direction)) {
    const path = pathFor(impairment, one, kernel);
    paths[one] = path;
    switch (path) {
      case 'netem':
        if (one === 'egress') rootQdisc(['netem', ...netemArguments(impairment)]);
        else ingressThroughIfb(['netem', ...netemArguments(impairment)]);
        break;
      case 'tbf':
        if (impairment.kind !== 'rate') throw new Error(`TBF cannot apply ${impairment.kind}`);
        if (one === 'egress') rootQdisc(tbfArguments(impairment.kbitPerSecond));
        else ingressThroughIfb(tbfArguments(impairment.kbitPerSecond));
        break;
      case 'iptables-statistic':
        if (impairment.kind !== 'loss') throw new Error(`the statistic match cannot apply ${impairment.kind}`);
        // Inserted at the top: the DROP rule first, then in front of it a rule without a target
        // that only counts what reaches it, so that the observed loss is dropped / seen.
        iptables(one, ['-m', 'statistic', '--mode', 'random', '--probability', fixed(impairment.probability, 6), '-j', 'DROP']);
        iptables(one, []);
        break;
      case 'nfqueue':
        nfqueue ??= nfqueueArguments(impairment, names);
        // --queue-bypass: should fl-nfqueue be gone, packets pass instead of being dropped.
        iptables(one, ['-m', 'mark', '!', '--mark', duplicateMark, '-j', 'NFQUEUE', '--queue-num', String(names.queue), '--queue-bypass']);
        break;
    }
  }
  return { paths, inject, remove, ...(nfqueue ? { nfqueue } : {}), usesIptables };
}

/**
 * What the namespace looks like, for the before/after comparison: iptables rules of both backends
 * and every qdisc and link, without timestamps and counters.
 */
export const namespaceSnapshotCommand = [
  'sh',
  '-c',
  'iptables-nft-save 2>/dev/null; echo "-- legacy"; iptables-legacy-save 2>/dev/null; echo "-- qdiscs"; tc qdisc show; echo "-- links"; ip -o link show | cut -d: -f2 | cut -d@ -f1',
];

export function normaliseSnapshot(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('#') && line.trim() !== '')
    .map((line) => line.replace(/\[\d+:\d+\]/g, '[]').trimEnd())
    .join('\n');
}
