// A health answer checked as the document it promises to be (application/health+json,
// draft-inadarei-api-health-check): a probe reads only the status code, but monitoring, dashboards
// and people read the body, so it must say the same thing and say why. Pure: the step fetches.
import type { ProbeResult } from './http-probe.js';

export type HealthStatus = 'pass' | 'warn' | 'fail';

const statuses: readonly string[] = ['pass', 'warn', 'fail'];

/** A check's observed value: a number from 0 up to (not including) `below`, in `unit`. */
export interface ObservedBound {
  readonly below: number;
  readonly unit: string;
}

/** What the answer must say: its overall status and the status of each check, named as in the document. */
export interface HealthExpectation {
  readonly status: HealthStatus;
  readonly checks: Readonly<Record<string, HealthStatus>>;
  /** Checks whose entries must report what they observed, within a bound. */
  readonly observed: Readonly<Record<string, ObservedBound>>;
}

const rowPattern = /^(pass|warn|fail)(?:, observed under (\d+(?:\.\d+)?) ?([A-Za-z%]+))?$/;

/**
 * Reads a step's table: a `status` row, then one row per check (`| database:connection | fail |`),
 * whose status may add the value the check must report (`| process:uptime | pass, observed under 3600 s |`).
 */
export function parseHealthExpectation(rows: Readonly<Record<string, string>>): HealthExpectation | string {
  if (rows.status === undefined) return 'the table needs a "status" row (pass, warn or fail) before the checks';
  const parsed = Object.entries(rows).map(([name, value]) => ({ name, value, match: rowPattern.exec(value.trim()) }));
  const bad = parsed.filter(({ name, match }) => match === null || (name === 'status' && match[2] !== undefined));
  if (bad.length > 0) return `${bad.map(({ name, value }) => `"${name}" is "${value}"`).join(', ')}: a status is pass, warn or fail, and a check's may add ", observed under <number> <unit>"`;
  const checks: Record<string, HealthStatus> = {};
  const observed: Record<string, ObservedBound> = {};
  for (const { name, match } of parsed) {
    if (name === 'status') continue;
    checks[name] = match![1] as HealthStatus;
    if (match![2] !== undefined) observed[name] = { below: Number(match![2]), unit: match![3]! };
  }
  return { status: rows.status.trim() as HealthStatus, checks, observed };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The statuses the answer reports: overall and per check (the worst entry of each), or undefined when it is no health document. */
export function reportedStatuses(answer: ProbeResult): { status: unknown; checks: Record<string, unknown> } | undefined {
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return undefined;
  }
  if (!isObject(body)) return undefined;
  const checks = isObject(body.checks) ? body.checks : {};
  const worst = (entries: unknown) => {
    const found = Array.isArray(entries) ? entries.map((entry) => (isObject(entry) ? entry.status : undefined)) : [];
    return found.includes('fail') ? 'fail' : found.includes('warn') ? 'warn' : found.length > 0 && found.every((status) => status === 'pass') ? 'pass' : found[0];
  };
  return { status: body.status, checks: Object.fromEntries(Object.entries(checks).map(([name, entries]) => [name, worst(entries)])) };
}

/** Whether the answer reports what is expected, statuses only (what a step waits for). */
export function reportsExpectedStatuses(answer: ProbeResult, expected: HealthExpectation): boolean {
  const reported = reportedStatuses(answer);
  if (!reported || reported.status !== expected.status) return false;
  const names = Object.keys(reported.checks);
  return names.length === Object.keys(expected.checks).length && names.every((name) => reported.checks[name] === expected.checks[name]);
}

/**
 * Everything wrong with the answer as a health document: status code and media type, no caching,
 * the overall status and each check's, every named check present and no other, each check entry
 * well formed (a status, a time, a unit for a value, no negative value, a reason for a failure), and
 * an overall status that follows from the checks.
 */
export function healthDocumentProblems(answer: ProbeResult, expected: HealthExpectation): string[] {
  if (answer.status === undefined) return [`no answer (${answer.error ?? 'no status'})`];
  const problems: string[] = [];
  const codeFits = expected.status === 'fail' ? answer.status >= 500 && answer.status <= 599 : answer.status >= 200 && answer.status <= 299;
  if (!codeFits) problems.push(`status code ${answer.status} for a "${expected.status}" document (pass and warn are 2xx, fail is 5xx)`);
  const mediaType = (answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/health+json') problems.push(`Content-Type "${answer.headers['content-type'] ?? ''}", not application/health+json`);
  if (!/\b(no-store|no-cache|max-age=0)\b/.test(answer.headers['cache-control'] ?? '')) problems.push(`Cache-Control "${answer.headers['cache-control'] ?? ''}": a cache may serve a stale health answer (no-store expected)`);
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return [...problems, `the body is not JSON: ${answer.body.slice(0, 80)}`];
  }
  if (!isObject(body)) return [...problems, 'the body is not a JSON object'];
  if (body.status !== expected.status) problems.push(`status "${String(body.status)}", expected "${expected.status}"`);
  if (!isObject(body.checks)) return [...problems, 'no "checks" object'];
  const reported = reportedStatuses(answer)!;
  for (const name of Object.keys(expected.checks)) {
    if (!(name in body.checks)) problems.push(`no "${name}" check`);
    else if (reported.checks[name] !== expected.checks[name]) problems.push(`"${name}" is "${String(reported.checks[name])}", expected "${expected.checks[name]}"`);
  }
  for (const name of Object.keys(body.checks)) if (!(name in expected.checks)) problems.push(`a "${name}" check the step does not name`);
  for (const [name, entries] of Object.entries(body.checks)) {
    if (name.trim() === '') problems.push('a check with an empty name');
    if (!Array.isArray(entries) || entries.length === 0) {
      problems.push(`"${name}" is not a non-empty list of check entries`);
      continue;
    }
    for (const entry of entries) {
      if (!isObject(entry)) {
        problems.push(`"${name}" has an entry that is not an object`);
        continue;
      }
      if (!statuses.includes(String(entry.status))) problems.push(`"${name}" has status "${String(entry.status)}"`);
      if (entry.time !== undefined && (typeof entry.time !== 'string' || Number.isNaN(Date.parse(entry.time)))) problems.push(`"${name}" has time "${String(entry.time)}", not a date-time`);
      if (entry.observedValue !== undefined && (typeof entry.observedUnit !== 'string' || entry.observedUnit.trim() === '')) problems.push(`"${name}" reports the value ${String(entry.observedValue)} without its unit`);
      if (typeof entry.observedValue === 'number' && entry.observedValue < 0) problems.push(`"${name}" reports a negative value, ${entry.observedValue} ${String(entry.observedUnit ?? '')}`);
      if (entry.status === 'fail' && (typeof entry.output !== 'string' || entry.output.trim() === '')) problems.push(`"${name}" fails without an output saying why`);
      const bound = expected.observed[name];
      if (bound !== undefined && !(typeof entry.observedValue === 'number' && entry.observedValue >= 0 && entry.observedValue < bound.below && entry.observedUnit === bound.unit)) {
        problems.push(`"${name}" observed ${entry.observedValue === undefined ? 'nothing' : `${String(entry.observedValue)} ${String(entry.observedUnit ?? '(no unit)')}`}, expected a value under ${bound.below} ${bound.unit}`);
      }
    }
  }
  const checkStatuses = Object.values(reported.checks);
  const implied = checkStatuses.includes('fail') ? 'fail' : checkStatuses.includes('warn') ? 'warn' : 'pass';
  if (statuses.includes(String(body.status)) && body.status !== implied) problems.push(`status "${String(body.status)}" while its checks make it "${implied}"`);
  return problems;
}
