// The checks of the distributed-lock feature: from what each backup-job runner says it did (its job
// ticks, in epoch ms), whether two ever held the lock at once, how soon a holder cut off from etcd
// stopped and how soon another took over. Each returns its measurement, pass or fail.
import { holdingPeriods, type HoldingPeriod } from '../../fixtures/backup-job/src/tick-log.js';
import { expectAtLeast, expectExactCount, timeVerdict, type Verdict } from '../probes/expectations.js';

/** One runner's ticks in the scenario's window. */
export interface RunnerTicks {
  readonly name: string;
  readonly ticks: readonly number[];
}

export interface Overlap {
  /** The runner that ticked inside another's holding period, and that other. */
  readonly ticked: string;
  readonly holder: string;
  readonly ticks: number;
  /** How long the two periods overlap (0 when a single tick fell inside). */
  readonly ms: number;
  readonly from: number;
}

export interface OverlapReport {
  readonly periods: Readonly<Record<string, readonly HoldingPeriod[]>>;
  readonly overlaps: readonly Overlap[];
  /** Ticks of one runner strictly inside a holding period of another. */
  readonly overlappingTicks: number;
  readonly worstOverlapMs: number;
}

/**
 * A tick of one runner strictly inside a holding period of another (its first to its last tick, no
 * gap longer than `maxGapMs`) is an overlap: both ran the job at once.
 */
export function findOverlaps(runners: readonly RunnerTicks[], maxGapMs: number): OverlapReport {
  const periods = Object.fromEntries(runners.map((runner) => [runner.name, holdingPeriods(runner.ticks, maxGapMs)]));
  const overlaps: Overlap[] = [];
  for (const ticking of runners) {
    for (const holder of runners) {
      if (holder === ticking) continue;
      for (const held of periods[holder.name]!) {
        const inside = ticking.ticks.filter((at) => at > held.from && at < held.to);
        if (inside.length === 0) continue;
        const own = periods[ticking.name]!.filter((period) => period.to > held.from && period.from < held.to);
        const ms = Math.max(0, ...own.map((period) => Math.min(period.to, held.to) - Math.max(period.from, held.from)));
        overlaps.push({ ticked: ticking.name, holder: holder.name, ticks: inside.length, ms, from: Math.min(...inside) });
      }
    }
  }
  return {
    periods,
    overlaps,
    overlappingTicks: overlaps.reduce((sum, overlap) => sum + overlap.ticks, 0),
    worstOverlapMs: Math.max(0, ...overlaps.map((overlap) => overlap.ms)),
  };
}

function describePeriods(report: OverlapReport, since: number): string {
  return Object.entries(report.periods)
    .map(([name, periods]) => `${name} held ${periods.map((p) => `+${p.from - since}..+${p.to - since} ms (${p.ticks} ticks)`).join(', ') || 'never'}`)
    .join('; ');
}

/** "No two holders' job ticks overlap": zero ticks inside another's holding period. */
export function noOverlapVerdict(runners: readonly RunnerTicks[], maxGapMs: number, since: number): { readonly verdict: Verdict; readonly report: OverlapReport } {
  const report = findOverlaps(runners, maxGapMs);
  const worst = report.overlaps.toSorted((a, b) => b.ms - a.ms)[0];
  const detail =
    `worst overlap ${report.worstOverlapMs} ms${worst ? ` (${worst.ticked} ticked ${worst.ticks} times while ${worst.holder} held the lock, from +${worst.from - since} ms)` : ''}; ` +
    `holding periods (ticks at most ${maxGapMs} ms apart, times from the scenario's start): ${describePeriods(report, since)}`;
  return { verdict: expectExactCount("job ticks inside another runner's holding period", report.overlappingTicks, 0, detail), report };
}

/** The job ran: at least `min` ticks in all. */
export function jobRanVerdict(runners: readonly RunnerTicks[], min: number): Verdict {
  const counts = runners.map((runner) => `${runner.name} ${runner.ticks.length}`).join(', ');
  return expectAtLeast('backup job ticks', runners.reduce((sum, runner) => sum + runner.ticks.length, 0), min, `ticks per runner: ${counts}`);
}

/** The holder cut off from etcd stops ticking within its lease: its last tick - the cut <= the bound. */
export function stoppedWithinVerdict(holder: RunnerTicks, cutAt: number, boundMs: number): Verdict {
  const last = holder.ticks.at(-1);
  const after = holder.ticks.filter((at) => at >= cutAt).length;
  return timeVerdict(
    `last job tick of ${holder.name} after it was cut off from etcd`,
    last === undefined ? Number.NaN : last - cutAt,
    { maxMs: boundMs },
    last === undefined ? `${holder.name} never ticked` : `${after} ticks after the cut, the last ${last - cutAt} ms after it`,
  );
}

/** Another runner takes over: its first tick after the cut - the cut <= the bound. */
export function takeoverVerdict(other: RunnerTicks, cutAt: number, boundMs: number): Verdict {
  const first = other.ticks.find((at) => at >= cutAt);
  return timeVerdict(
    `first job tick of ${other.name} after the holder was cut off`,
    first === undefined ? Number.NaN : first - cutAt,
    { maxMs: boundMs },
    first === undefined ? `${other.name} did not tick after the cut` : `${other.name} ticked ${other.ticks.filter((at) => at >= cutAt).length} times after the cut`,
  );
}
