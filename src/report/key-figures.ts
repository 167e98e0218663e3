// The few numbers that say most about a scenario, for the index table and the job summary: failed
// measurements first (they explain a red verdict), then the headline figures of each evidence kind.
import { formatMs, formatQuantity } from './report-format.js';
import type { ScenarioReport } from './resilience-report.js';
import { retryGapCheck } from './retry-gap-chart.js';

export interface KeyFigure {
  readonly text: string;
  /** undefined: informative, no bound attached. */
  readonly ok?: boolean;
}

export function keyFigures(scenario: ScenarioReport, limit = 3): KeyFigure[] {
  const evidence = scenario.evidence;
  if (!evidence) return [];
  const figures: KeyFigure[] = [];
  const measurements = [...evidence.measurements].sort((a, b) => Number(a.ok) - Number(b.ok));
  for (const measurement of measurements) {
    figures.push({ text: `${measurement.label}: ${formatQuantity(measurement.measured, measurement.unit)} (${measurement.bound})`, ok: measurement.ok });
  }
  const dr = evidence.disasterRecovery;
  if (dr) {
    if (dr.rtoMs !== undefined) figures.push({ text: `RTO ${formatMs(dr.rtoMs)}`, ...(dr.bounds?.rtoMs === undefined ? {} : { ok: dr.rtoMs <= dr.bounds.rtoMs }) });
    if (dr.rpoCount !== undefined) figures.push({ text: `RPO ${dr.rpoCount} lost writes`, ...(dr.bounds?.rpoCount === undefined ? {} : { ok: dr.rpoCount <= dr.bounds.rpoCount }) });
    if (dr.duplicated + dr.unexpected > 0) figures.push({ text: `${dr.duplicated} duplicated, ${dr.unexpected} unexpected writes`, ok: false });
  }
  const gaps = evidence.retryGaps ?? [];
  if (gaps.length > 0) {
    const outside = gaps.filter((gap) => !retryGapCheck(gap).ok).length;
    figures.push({ text: `${gaps.length - outside}/${gaps.length} retry gaps within the backoff envelope`, ok: outside === 0 });
  }
  const transitions = evidence.breakerTransitions ?? [];
  if (transitions.length > 0) figures.push({ text: `breaker: ${[transitions[0]?.from, ...transitions.map((transition) => transition.to)].join(' → ')}` });
  for (const phase of evidence.loadPhases ?? []) {
    figures.push({ text: `${phase.name}: ${phase.requests} req, ${phase.errors} errors, p99 ${formatMs(phase.latencyMs.p99)}` });
  }
  for (const run of evidence.fuzzRuns ?? []) {
    figures.push({ text: run.ok ? `${run.property}: ${run.runs} runs held (seed ${run.seed})` : `${run.property}: counterexample with seed ${run.seed}`, ok: run.ok });
  }
  figures.sort((a, b) => rank(a) - rank(b));
  return figures.slice(0, limit);
}

function rank(figure: KeyFigure): number {
  return figure.ok === false ? 0 : figure.ok === true ? 1 : 2;
}
