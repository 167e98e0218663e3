// What a packet fault did, read from the target's namespace: fl-nfqueue's counters, the counting
// iptables rules, the qdisc's statistics and the kernel's TCP counters. Pure parsers; packet-fault.ts
// runs the commands.

/** fl-nfqueue's JSON line (see fixtures/chaos-helper/nfqueue/fl-nfqueue.c). */
export interface QueueCounters {
  readonly event: string;
  readonly reports: number;
  readonly seen: number;
  readonly accepted: number;
  readonly dropped: number;
  readonly corrupted: number;
  readonly duplicated: number;
  readonly delayed: number;
  readonly reordered: number;
  readonly errors: number;
  readonly delayAddedMs: number;
  readonly held: number;
  readonly maxHeld: number;
}

export function parseQueueCounters(text: string): QueueCounters | undefined {
  const line = text.trim().split('\n').filter((candidate) => candidate.startsWith('{')).at(-1);
  if (!line) return undefined;
  try {
    return JSON.parse(line) as QueueCounters;
  } catch {
    return undefined;
  }
}

/**
 * /proc/net/snmp and /proc/net/netstat: pairs of lines, names then values, per protocol
 * ("Tcp: ... RetransSegs ..." / "Tcp: ... 12 ..."). Keys are "Tcp.RetransSegs", "TcpExt.TCPOFOQueue".
 */
export function parseSnmp(text: string): Record<string, number> {
  const counters: Record<string, number> = {};
  const lines = text.split('\n').filter((line) => /^\w+:/.test(line));
  for (let index = 0; index + 1 < lines.length; index += 1) {
    const [protocol, ...names] = lines[index]!.trim().split(/\s+/);
    const [valueProtocol, ...values] = lines[index + 1]!.trim().split(/\s+/);
    if (protocol !== valueProtocol || names.length !== values.length || !names.every((name) => /^[A-Za-z]/.test(name))) continue;
    names.forEach((name, position) => {
      counters[`${protocol!.slice(0, -1)}.${name}`] = Number(values[position]);
    });
    index += 1;
  }
  return counters;
}

/** Counter deltas worth reporting for packet faults (absent counters count as 0). */
const tcpCounters = [
  'Tcp.OutSegs',
  'Tcp.InSegs',
  'Tcp.RetransSegs',
  'Tcp.InCsumErrors',
  'Tcp.InErrs',
  'TcpExt.TCPOFOQueue',
  'TcpExt.TCPSACKReorder',
  'TcpExt.TCPDSACKRecv',
  'TcpExt.TCPDSACKOldSent',
  'TcpExt.TCPLossProbes',
  'TcpExt.TCPTimeouts',
] as const;

export function counterDeltas(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(tcpCounters.map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)]));
}

/** Packets counted by the rules carrying `tag` in `iptables -L CHAIN -v -x -n` output, in rule order. */
export function ruleCounters(listing: string, tag: string): number[] {
  return listing
    .split('\n')
    .filter((line) => line.includes(`/* ${tag} */`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** "Sent 1234 bytes 56 pkt (dropped 7, overlimits 8 requeues 0)" of `tc -s qdisc show dev X root`. */
export function parseQdiscStats(text: string): { bytes: number; packets: number; dropped: number; overlimits: number } | undefined {
  const match = /Sent (\d+) bytes (\d+) pkt \(dropped (\d+), overlimits (\d+)/.exec(text);
  if (!match) return undefined;
  return { bytes: Number(match[1]), packets: Number(match[2]), dropped: Number(match[3]), overlimits: Number(match[4]) };
}
