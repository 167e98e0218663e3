// CPU time of each process taking part in a measurement, so that a throughput figure says who was
// busy: on a 2-core machine the load generator, Toxiproxy, the service and PostgreSQL share the
// cores, and a throughput ratio is mostly a statement about who got them. A container's CPU is read
// from its cgroup (cpuacct.usage, or cpu.stat on cgroup v2), else summed over its processes' /proc
// entries (utime + stime of the processes Docker lists for it).
import { existsSync, readFileSync } from 'node:fs';
import { docker } from '../topology/docker-client.js';

const CLOCK_TICKS_PER_S = 100;

/** utime + stime of one process in seconds; 0 when it is gone. */
export function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

function cgroupCpuSeconds(containerId: string): number | undefined {
  for (const path of [`/sys/fs/cgroup/cpuacct/docker/${containerId}/cpuacct.usage`, `/sys/fs/cgroup/cpu,cpuacct/docker/${containerId}/cpuacct.usage`]) {
    if (existsSync(path)) return Number(readFileSync(path, 'utf8')) / 1e9;
  }
  for (const path of [`/sys/fs/cgroup/system.slice/docker-${containerId}.scope/cpu.stat`, `/sys/fs/cgroup/docker/${containerId}/cpu.stat`]) {
    if (existsSync(path)) {
      const usage = /usage_usec (\d+)/.exec(readFileSync(path, 'utf8'));
      if (usage) return Number(usage[1]) / 1e6;
    }
  }
  return undefined;
}

async function containerPids(containerId: string): Promise<number[]> {
  const top = (await (await docker())
    .getContainer(containerId)
    .top({ ps_args: '-eo pid' })
    .catch(() => undefined)) as { Titles: string[]; Processes: string[][] } | undefined;
  if (top === undefined) return [];
  const column = top.Titles.findIndex((title) => title.trim().toUpperCase() === 'PID');
  return top.Processes.map((row) => Number(row[column < 0 ? 0 : column])).filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** Busy CPU time of the whole machine (every core, every process) from /proc/stat, in seconds. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_S;
}

export type CpuSource = { readonly kind: 'machine' } | { readonly kind: 'self' } | { readonly kind: 'pid'; readonly pid: number } | { readonly kind: 'container'; readonly id: string };

async function cpuSeconds(source: CpuSource): Promise<number> {
  if (source.kind === 'self') {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  if (source.kind === 'pid') return procCpuSeconds(source.pid);
  if (source.kind === 'machine') return machineBusySeconds();
  const fromCgroup = cgroupCpuSeconds(source.id);
  if (fromCgroup !== undefined) return fromCgroup;
  return (await containerPids(source.id)).reduce((sum, pid) => sum + procCpuSeconds(pid), 0);
}

/** Cores used by each named process between start() and the call of the function it returns. */
export async function startCpuMeter(sources: Readonly<Record<string, CpuSource>>): Promise<() => Promise<Record<string, number>>> {
  const names = Object.keys(sources);
  const before = await Promise.all(names.map((name) => cpuSeconds(sources[name]!)));
  const started = performance.now();
  return async () => {
    const after = await Promise.all(names.map((name) => cpuSeconds(sources[name]!)));
    const elapsedS = (performance.now() - started) / 1000;
    return Object.fromEntries(names.map((name, index) => [name, Number(((after[index]! - before[index]!) / elapsedS).toFixed(3))]));
  };
}

/** The containers on a Docker network, named by `names` (container id -> name), else Toxiproxy or their image. */
export async function containersOnNetwork(networkName: string, names: ReadonlyMap<string, string> = new Map()): Promise<Record<string, CpuSource>> {
  const containers = await (await docker()).listContainers({ filters: { network: [networkName] } }).catch(() => []);
  const named: Record<string, CpuSource> = {};
  for (const container of containers) {
    const name = names.get(container.Id) ?? (/toxiproxy/i.test(container.Image) ? 'toxiproxy' : container.Image);
    named[named[name] ? `${name} (${container.Id.slice(0, 12)})` : name] = { kind: 'container', id: container.Id };
  }
  return named;
}

/** How a container's CPU is read: its cgroup when this host shows it, else its processes. */
export function cpuReadFrom(containerId: string): 'cgroup' | 'processes' {
  return cgroupCpuSeconds(containerId) === undefined ? 'processes' : 'cgroup';
}
