import { spawnSync } from 'node:child_process';

export interface WrkResult {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const toMs = (value: string, unit: string) => Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit]!;

/** Runs wrk (closed loop) against a URL and reads its latency distribution; undefined without wrk. */
export function runWrk(url: string, headers: Readonly<Record<string, string>>, connections: number, durationS: number): WrkResult | undefined {
  const args = ['-t2', `-c${connections}`, `-d${durationS}s`, '--latency', ...Object.entries(headers).flatMap(([key, value]) => ['-H', `${key}: ${value}`]), url];
  const run = spawnSync('wrk', args, { encoding: 'utf8', timeout: (durationS + 30) * 1000 });
  if (run.error || run.status !== 0) return undefined;
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(run.stdout);
  const percentile = (p: string) => new RegExp(`^\\s+${p}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(run.stdout);
  const p50 = percentile('50');
  const p99 = percentile('99');
  if (!rps || !p50 || !p99) return undefined;
  return { rps: Number(rps[1]), p50Ms: toMs(p50[1]!, p50[2]!), p99Ms: toMs(p99[1]!, p99[2]!) };
}
