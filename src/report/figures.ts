// Figures in plain words: "slowest 503: 16.5 ms (bound 50 ms)", "answered 502: 3 of 3 requests",
// "time to the error: 515 ms, 15.0 ms over the 500 ms bound, inside the 50 ms tolerance". Every
// writer (HTML, Markdown, JSON summary) says a figure the same way because it comes from here.
import { checkBound } from '../units/tolerance.js';
import { eventsNoteSchema, integrityCheckSchema, type DisasterRecoveryEvidence, type ScenarioEvidence } from './evidence.js';
import { countOf, formatMs, formatQuantity } from './report-format.js';
import type { Figure } from './resilience-report.js';

type MeasuredFigure = Figure & { readonly marginMs?: number };
type MeasurementEvidence = ScenarioEvidence['measurements'][number];

// timeVerdict's bound (src/probes/expectations.ts): "-inf..500 ms (accepted -inf..550.0)".
const timeBound = /^(-inf|[\d.]*)\.\.(\+inf|[\d.]*) ms \(accepted (-inf|[\d.]*)\.\.(\+inf|[\d.]*)\)$/;
const comparison = /^(<=|>=|<|>)\s*(-?[\d.]+)\s*(ms|s|%)?\s*(.*)$/;
const comparisonWords: Record<string, string> = { '<=': 'at most', '>=': 'at least', '<': 'under', '>': 'over' };

const limit = (value: string | undefined) => (value === undefined || value === '' || value.endsWith('inf') ? undefined : Number(value));

function value(measurement: MeasurementEvidence): string {
  if (measurement.measured === null) return 'nothing measured';
  return ['count', 'match', ''].includes(measurement.unit) ? String(Number(measurement.measured.toPrecision(6))) : formatQuantity(measurement.measured, measurement.unit);
}

/** A measurement in plain words, and whether only the tolerance accepted it (a near miss), with the margin. */
export function measurementFigure(measurement: MeasurementEvidence): MeasuredFigure {
  const { label, bound, ok, measured } = measurement;
  const said = (text: string, extra: Partial<MeasuredFigure> = {}): MeasuredFigure => ({ text: `${label}: ${text}`, ok, ...extra });
  const time = timeBound.exec(bound);
  if (time && measured !== null) return timeFigure(measurement, measured, time.slice(1).map(limit));
  const all = /^all (\d+)(.*)$/.exec(bound);
  if (all) return said(`${measured ?? 'none'} of ${all[1]} ${measurement.unit}${ok && all[2]?.startsWith(' with status') ? '' : all[2]}`);
  const exactly = /^(?:exactly )?(-?[\d.]+)(\s*\(.*\))?$/.exec(bound) ?? /^exactly (.+)$/.exec(bound);
  if (exactly) {
    const numeric = !Number.isNaN(Number(exactly[1]));
    if (ok) return said(numeric ? value(measurement) : (exactly[1] ?? ''));
    return said(`${value(measurement)}, expected ${numeric ? '' : 'exactly '}${exactly[1]}`);
  }
  const compared = comparison.exec(bound);
  if (compared) {
    const [, operator = '', number, unit, rest] = compared;
    const expected = `${comparisonWords[operator]} ${number}${unit ? ` ${unit}` : ''}${rest ? ` ${rest}` : ''}`;
    return said(ok ? `${value(measurement)} (${expected})` : `${value(measurement)}, expected ${expected}`);
  }
  if (bound === 'recorded') return { text: `${label}: ${value(measurement)}` };
  if (measurement.unit === 'match') return said(ok ? bound : `not ${bound}`);
  // "10%..50%", "1..2 s on every answer", "retry 0: 0..100 ms": ranges as a person writes them.
  const range = /^(-?[\d.]+)(\s*%)?\.\.(-?[\d.]+)(\s*%)?(.*)$/.exec(bound);
  const expected = range ? `between ${range[1]}${range[2] ? ' %' : ''} and ${range[3]}${range[4] ? ' %' : ''}${range[5]}` : bound.replace(/(\d)\.\.(\d)/g, '$1–$2');
  return said(ok ? `${value(measurement)} (${expected})` : `${value(measurement)}, expected ${expected}`);
}

function timeFigure(measurement: MeasurementEvidence, measured: number, [min, max, acceptedMin, acceptedMax]: (number | undefined)[]): MeasuredFigure {
  const { label, ok } = measurement;
  const over = max !== undefined && measured > max ? measured - max : 0;
  const under = min !== undefined && measured < min ? min - measured : 0;
  const tolerance = over > 0 ? (acceptedMax ?? Infinity) - (max ?? 0) : (min ?? 0) - (acceptedMin ?? -Infinity);
  const point = min !== undefined && min === max;
  const nominal = point ? `the expected ${formatMs(min)}` : `the ${formatMs((over > 0 ? max : min) ?? 0)} bound`;
  const margin = over > 0 ? `${formatMs(over)} over ${nominal}` : `${formatMs(under)} under ${nominal}`;
  if (!ok) return { text: `${label}: ${formatMs(measured)}, ${margin} and beyond its ${formatMs(tolerance)} tolerance`, ok, marginMs: over || under };
  // A point ("adds 200 ms") is never hit exactly: only a deviation that used half its tolerance is near.
  const near = (over > 0 || under > 0) && (!point || (over || under) > tolerance / 2);
  if (near) return { text: `${label}: ${formatMs(measured)}, ${margin}, inside the ${formatMs(tolerance)} tolerance`, ok, nearMiss: true, marginMs: over || under };
  const expected = point ? `expected ${formatMs(min)}` : min === undefined ? `bound ${formatMs(max ?? 0)}` : max === undefined ? `at least ${formatMs(min)}` : `bound ${formatMs(min)}–${formatMs(max)}`;
  return { text: `${label}: ${formatMs(measured)} (${expected})`, ok };
}

/** Retry gaps judged as the scenarios judge times: the envelope widened by the DESIGN §5 tolerances. */
export function retryGapFigures(evidence: ScenarioEvidence): MeasuredFigure[] {
  const gaps = evidence.retryGaps ?? [];
  if (gaps.length === 0) return [];
  const figures = gaps.map((gap) => {
    const check = checkBound(gap.gapMs, { label: '', minMs: gap.envelopeMinMs, maxMs: gap.envelopeMaxMs });
    return timeFigure({ label: `gap before attempt ${gap.attempt}`, measured: gap.gapMs, unit: 'ms', bound: '', ok: check.ok }, gap.gapMs, [gap.envelopeMinMs, gap.envelopeMaxMs, check.acceptedMinMs, check.acceptedMaxMs]);
  });
  const inside = figures.filter((figure) => figure.ok && !figure.nearMiss).length;
  return [{ text: `${inside} of ${gaps.length} retry gaps inside the backoff envelope`, ok: figures.every((figure) => figure.ok) }, ...figures.filter((figure) => !figure.ok || figure.nearMiss)];
}

const anomalies = {
  orphanCharges: 'orphan charges', orphanReservations: 'orphan reservations', refundedButStored: 'stored but refunded', releasedButStored: 'stored but released',
  ordersWithoutCharge: 'orders without a charge', ordersWithoutReservation: 'orders without a reservation', refundedTwice: 'refunded twice', releasedTwice: 'released twice',
} as const;

/** RTO/RPO and the checkers' figures (disaster-recovery history, events, saga integrity), with up to `keysShown` keys per anomaly. */
export function recoveryFigures(evidence: ScenarioEvidence, keysShown = 3): Figure[] {
  const figures: Figure[] = [];
  const dr = evidence.disasterRecovery;
  if (dr) {
    const judged = (measured: number, bound: number | undefined) => (bound === undefined ? {} : { ok: measured <= bound });
    if (dr.rtoMs !== undefined) figures.push({ text: `RTO ${formatMs(dr.rtoMs)}${dr.bounds?.rtoMs === undefined ? '' : ` (bound ${formatMs(dr.bounds.rtoMs)})`}`, ...judged(dr.rtoMs, dr.bounds?.rtoMs) });
    if (dr.rpoCount !== undefined) figures.push({ text: `RPO ${dr.rpoCount} acknowledged writes lost${dr.bounds?.rpoCount === undefined ? '' : ` (bound ${dr.bounds.rpoCount})`}`, ...judged(dr.rpoCount, dr.bounds?.rpoCount) });
    const { ok, failed, unknown } = dr.history;
    figures.push({ text: `${ok + failed + unknown} writes: ${ok} acknowledged, ${failed} failed, ${unknown} unknown; after recovery ${dr.lost} lost, ${dr.duplicated} duplicated, ${dr.unexpected} unexpected${dr.failedButPresent ? `, ${dr.failedButPresent} failed but present` : ''}` });
  }
  const check = eventsNoteSchema.safeParse(evidence.notes.events).data?.check;
  if (check) {
    const bad = check.lost.length + check.duplicated.length + check.unexpected.length;
    figures.push({ text: `${countOf(check.orders, 'order')}: ${check.shippedOnce} shipped exactly once, ${check.deadLettered} dead-lettered; ${check.lost.length} lost, ${check.duplicated.length} duplicated, ${check.unexpected.length} unexpected shipments`, ok: bad === 0 });
  }
  const integrity = integrityCheckSchema.safeParse(evidence.notes.integrity).data;
  if (integrity) {
    const found = Object.entries(anomalies).flatMap(([field, words]) => {
      const keys = integrity[field as keyof typeof anomalies];
      return keys.length === 0 ? [] : [`${keys.length} ${words} (${keys.slice(0, keysShown).join(', ')}${keys.length > keysShown ? ', …' : ''})`];
    });
    const settled = integrity.settledMs === undefined ? '' : `; checked after ${formatMs(integrity.settledMs)}, ${integrity.compensationsInProgress ? `${integrity.compensationsInProgress} compensations still in progress` : 'no compensation in progress'}`;
    figures.push({ text: `${integrity.charges} charges, ${integrity.refunds} refunds, ${integrity.reservations} reservations, ${integrity.releases} releases, ${integrity.storedOrders} stored orders; ${found.length === 0 ? 'no anomaly' : found.join(', ')}${settled}`, ok: found.length === 0 });
  }
  return figures;
}

const managerName = (manager: string) => manager.charAt(0).toUpperCase() + manager.slice(1);

/** Which primary the failover left, when it demoted and promoted, and the writes two primaries acknowledged. */
export function failoverFigures(dr: DisasterRecoveryEvidence): Figure[] {
  const failover = dr.failover;
  if (!failover) return [];
  const after = (at: number | undefined, what: string) => (at === undefined ? [] : [`${what} ${formatMs(at - failover.faultAt)} after the fault`]);
  const times = [...after(failover.demotedAt, 'demoted'), ...after(failover.promotedAt, 'promoted')].join(', ');
  const change = failover.newPrimary === undefined ? `primary ${failover.oldPrimary ?? 'unnamed'} kept, no member promoted` : `primary ${failover.oldPrimary ?? 'unnamed'} → ${failover.newPrimary}`;
  const figures: Figure[] = [{ text: `${failover.kind} (${managerName(failover.manager)}): ${change}${times ? `; ${times}` : ''}` }];
  if (failover.splitBrainWrites !== undefined) figures.push({ text: `${countOf(failover.splitBrainWrites, 'split-brain write')} (acknowledged by a primary without the leader lock)` });
  return figures;
}

// Patroni's settings without a unit in their name.
const settingUnits: Record<string, string> = { ttl: 's', loop_wait: 's', retry_timeout: 's', maximum_lag_on_failover: 'bytes' };

/** The HA manager's settings in words ([["ttl", "10 s"], ["synchronous_mode", "true"], ...]) and whose they are ("Patroni"). */
export function haSettings(dr: DisasterRecoveryEvidence): { manager: string; settings: [string, string][] } {
  const settings = Object.entries(dr.settings ?? {}).map(([key, value]): [string, string] => [key, settingUnits[key] && typeof value === 'number' ? `${value} ${settingUnits[key]}` : String(value)]);
  return { manager: dr.failover ? managerName(dr.failover.manager) : 'the HA manager', settings };
}

/** Each property run with its seed and the command that replays it; a failed one with its shrunk counterexample and path. */
export function fuzzFigures(evidence: ScenarioEvidence): Figure[] {
  return (evidence.fuzzRuns ?? []).map((run) => {
    const result = run.ok ? 'held' : `counterexample ${run.counterexample ?? ''}${run.path ? ` (path ${run.path})` : ''}`;
    return { text: `${run.property}: ${run.runs} runs, seed ${run.seed}, ${result}; replay: ${run.replayCommand}`, ok: run.ok };
  });
}

const rank = (figure: Figure) => (figure.ok === false ? 0 : figure.nearMiss ? 1 : figure.ok === undefined ? 3 : 2);

/** Every figure of a scenario: failed first, then near misses, then the rest. */
export function scenarioFigures(evidence: ScenarioEvidence | undefined): MeasuredFigure[] {
  if (!evidence) return [];
  const figures: MeasuredFigure[] = [...evidence.measurements.map(measurementFigure), ...retryGapFigures(evidence), ...recoveryFigures(evidence), ...fuzzFigures(evidence)];
  return figures.sort((a, b) => rank(a) - rank(b));
}
