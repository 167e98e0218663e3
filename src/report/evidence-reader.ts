// Reads evidence attachments defensively: a report must still be written when one scenario's
// evidence is truncated, from an older or newer producer, or hand-edited. What cannot be read is
// left out and said so (problems), never guessed.
import type { FaultRecord } from '../faults/fault.js';
import {
  emptyEvidence,
  evidenceSchemaVersion,
  supportedEvidenceSchemaVersions,
  type BreakerState,
  type BreakerTransitionEvidence,
  type DisasterRecoveryEvidence,
  type FuzzRunEvidence,
  type LatencyBucketEvidence,
  type LoadPhaseEvidence,
  type MeasurementEvidence,
  type MutantEvidence,
  type RequestEvidence,
  type RetryGapEvidence,
  type ScenarioEvidence,
} from './evidence.js';

export interface EvidenceReading {
  readonly evidence?: ScenarioEvidence;
  readonly problems: string[];
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCount(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

/** Times and durations: finite and not negative. */
function isNonNegative(value: unknown): value is number {
  return isNumber(value) && value >= 0;
}

function optionalNonNegative(value: unknown): number | undefined {
  return isNonNegative(value) ? value : undefined;
}

function optionalCount(value: unknown): number | undefined {
  return isCount(value) ? value : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Copies only the defined entries, so that optional fields are absent rather than undefined. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

class ListReader {
  constructor(private readonly problems: string[]) {}

  read<T>(source: Json, field: string, readItem: (item: Json) => T | undefined): T[] | undefined {
    const value = source[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.problems.push(`evidence field "${field}" is not a list; it was left out`);
      return undefined;
    }
    const items: T[] = [];
    let dropped = 0;
    for (const raw of value) {
      const item = isRecord(raw) ? readItem(raw) : undefined;
      if (item === undefined) dropped++;
      else items.push(item);
    }
    if (dropped > 0) this.problems.push(`${dropped} of ${value.length} entries of evidence field "${field}" were malformed and left out`);
    return items;
  }
}

function readFault(raw: Json): FaultRecord | undefined {
  if (typeof raw.kind !== 'string' || typeof raw.target !== 'string') return undefined;
  return defined({
    kind: raw.kind,
    target: raw.target,
    description: optionalString(raw.description) ?? `${raw.kind} on ${raw.target}`,
    parameters: isRecord(raw.parameters) ? raw.parameters : {},
    injectedAt: optionalNonNegative(raw.injectedAt),
    removedAt: optionalNonNegative(raw.removedAt),
    injectMs: optionalNonNegative(raw.injectMs),
    removeMs: optionalNonNegative(raw.removeMs),
  });
}

function readRequest(raw: Json): RequestEvidence | undefined {
  if (!isNonNegative(raw.startedAt) || !isNonNegative(raw.durationMs)) return undefined;
  return defined({
    label: optionalString(raw.label) ?? '',
    method: optionalString(raw.method) ?? '',
    path: optionalString(raw.path) ?? '',
    startedAt: raw.startedAt,
    durationMs: raw.durationMs,
    status: Number.isInteger(raw.status) ? (raw.status as number) : undefined,
    error: optionalString(raw.error),
  });
}

function readMeasurement(raw: Json): MeasurementEvidence | undefined {
  if (typeof raw.label !== 'string' || !isNumber(raw.measured) || typeof raw.ok !== 'boolean') return undefined;
  return defined({ label: raw.label, measured: raw.measured, unit: optionalString(raw.unit) ?? '', bound: optionalString(raw.bound) ?? '', ok: raw.ok, detail: optionalString(raw.detail) });
}

const breakerStates: readonly string[] = ['closed', 'open', 'half-open'] satisfies BreakerState[];

function readTransition(raw: Json): BreakerTransitionEvidence | undefined {
  if (!isNonNegative(raw.at) || !breakerStates.includes(raw.from as string) || !breakerStates.includes(raw.to as string)) return undefined;
  return { at: raw.at, from: raw.from as BreakerState, to: raw.to as BreakerState };
}

function readBucket(raw: Json): LatencyBucketEvidence | undefined {
  if (!isNonNegative(raw.at) || !isNonNegative(raw.widthMs) || raw.widthMs === 0 || !isCount(raw.requests)) return undefined;
  return defined({
    at: raw.at,
    widthMs: raw.widthMs,
    requests: raw.requests,
    errors: optionalCount(raw.errors) ?? 0,
    p50Ms: optionalNonNegative(raw.p50Ms),
    p99Ms: optionalNonNegative(raw.p99Ms),
    maxMs: optionalNonNegative(raw.maxMs),
  });
}

function readLoadPhase(this: ListReader, raw: Json): LoadPhaseEvidence | undefined {
  const latency = raw.latencyMs;
  if (typeof raw.name !== 'string' || !isNonNegative(raw.startedAt) || !isNonNegative(raw.endedAt) || !isCount(raw.requests)) return undefined;
  if (!isRecord(latency) || !isNonNegative(latency.p50) || !isNonNegative(latency.p99)) return undefined;
  return {
    name: raw.name,
    startedAt: raw.startedAt,
    endedAt: raw.endedAt,
    requests: raw.requests,
    errors: optionalCount(raw.errors) ?? 0,
    timeouts: optionalCount(raw.timeouts) ?? 0,
    latencyMs: defined({ p50: latency.p50, p90: optionalNonNegative(latency.p90), p99: latency.p99, max: optionalNonNegative(latency.max) }),
    series: this.read(raw, 'series', readBucket) ?? [],
  };
}

function readRetryGap(raw: Json): RetryGapEvidence | undefined {
  if (!isCount(raw.attempt) || raw.attempt < 1 || !isNumber(raw.gapMs) || !isNonNegative(raw.envelopeMinMs) || !isNonNegative(raw.envelopeMaxMs)) return undefined;
  return { attempt: raw.attempt, gapMs: raw.gapMs, envelopeMinMs: raw.envelopeMinMs, envelopeMaxMs: raw.envelopeMaxMs };
}

function readFuzzRun(raw: Json): FuzzRunEvidence | undefined {
  if (typeof raw.property !== 'string' || !isCount(raw.runs) || !Number.isInteger(raw.seed) || typeof raw.replayCommand !== 'string') return undefined;
  return defined({
    property: raw.property,
    runs: raw.runs,
    seed: raw.seed as number,
    path: optionalString(raw.path),
    counterexample: optionalString(raw.counterexample),
    replayCommand: raw.replayCommand,
    ok: typeof raw.ok === 'boolean' ? raw.ok : raw.counterexample === undefined,
  });
}

function readDisasterRecovery(raw: unknown): DisasterRecoveryEvidence | undefined {
  if (!isRecord(raw) || !isRecord(raw.history)) return undefined;
  const history = raw.history;
  if (!isCount(raw.lost) || !isCount(raw.duplicated) || !isCount(raw.unexpected)) return undefined;
  const bounds = isRecord(raw.bounds) ? defined({ rtoMs: optionalNonNegative(raw.bounds.rtoMs), rpoCount: optionalCount(raw.bounds.rpoCount) }) : undefined;
  return defined({
    history: { ok: optionalCount(history.ok) ?? 0, failed: optionalCount(history.failed) ?? 0, unknown: optionalCount(history.unknown) ?? 0 },
    lost: raw.lost,
    duplicated: raw.duplicated,
    unexpected: raw.unexpected,
    failedButPresent: optionalCount(raw.failedButPresent),
    rtoMs: optionalNonNegative(raw.rtoMs),
    rpoCount: optionalCount(raw.rpoCount),
    bounds,
  });
}

function readMutant(raw: Json): MutantEvidence | undefined {
  if (typeof raw.name !== 'string' || typeof raw.killed !== 'boolean') return undefined;
  return defined({ name: raw.name, killed: raw.killed, killedBy: optionalString(raw.killedBy) });
}

function readStringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : JSON.stringify(item)]));
}

function readDiagnostics(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return { ...value, logs: readStringRecord(value.logs) };
}

function readOne(raw: Json, problems: string[]): ScenarioEvidence {
  const version = raw.schemaVersion;
  if (!isCount(version) || version < 1) {
    problems.push('evidence has no valid schemaVersion; it was read as the current version');
  } else if (!supportedEvidenceSchemaVersions.includes(version)) {
    problems.push(
      `evidence schemaVersion ${version} is not one this report understands (${supportedEvidenceSchemaVersions.join(', ')}); only the fields it knows were read`,
    );
  }
  const lists = new ListReader(problems);
  const evidence: ScenarioEvidence = {
    ...emptyEvidence(),
    // The producer's version is kept so that the report shows what it was given.
    schemaVersion: isCount(version) && version >= 1 ? version : evidenceSchemaVersion,
    faults: lists.read(raw, 'faults', readFault) ?? [],
    requests: lists.read(raw, 'requests', readRequest) ?? [],
    measurements: lists.read(raw, 'measurements', readMeasurement) ?? [],
    service: { configuration: readStringRecord(isRecord(raw.service) ? raw.service.configuration : undefined) },
    notes: isRecord(raw.notes) ? raw.notes : {},
  };
  if (raw.diagnostics !== undefined) evidence.diagnostics = readDiagnostics(raw.diagnostics);
  const transitions = lists.read(raw, 'breakerTransitions', readTransition);
  if (transitions) evidence.breakerTransitions = transitions.sort((a, b) => a.at - b.at);
  const phases = lists.read(raw, 'loadPhases', readLoadPhase.bind(lists));
  if (phases) evidence.loadPhases = phases;
  const gaps = lists.read(raw, 'retryGaps', readRetryGap);
  if (gaps) evidence.retryGaps = gaps.sort((a, b) => a.attempt - b.attempt);
  const fuzzRuns = lists.read(raw, 'fuzzRuns', readFuzzRun);
  if (fuzzRuns) evidence.fuzzRuns = fuzzRuns;
  if (raw.disasterRecovery !== undefined) {
    const disasterRecovery = readDisasterRecovery(raw.disasterRecovery);
    if (disasterRecovery) evidence.disasterRecovery = disasterRecovery;
    else problems.push('evidence field "disasterRecovery" is malformed; it was left out');
  }
  const mutants = lists.read(raw, 'mutants', readMutant);
  if (mutants) evidence.mutants = mutants;
  return evidence;
}

function merge(into: ScenarioEvidence, from: ScenarioEvidence): ScenarioEvidence {
  const concat = <T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined => (a || b ? [...(a ?? []), ...(b ?? [])] : undefined);
  return defined({
    schemaVersion: Math.max(into.schemaVersion, from.schemaVersion),
    faults: [...into.faults, ...from.faults],
    requests: [...into.requests, ...from.requests],
    measurements: [...into.measurements, ...from.measurements],
    service: { configuration: { ...into.service.configuration, ...from.service.configuration } },
    notes: { ...into.notes, ...from.notes },
    diagnostics: from.diagnostics ?? into.diagnostics,
    breakerTransitions: concat(into.breakerTransitions, from.breakerTransitions)?.sort((a, b) => a.at - b.at),
    loadPhases: concat(into.loadPhases, from.loadPhases),
    retryGaps: concat(into.retryGaps, from.retryGaps),
    fuzzRuns: concat(into.fuzzRuns, from.fuzzRuns),
    disasterRecovery: from.disasterRecovery ?? into.disasterRecovery,
    mutants: concat(into.mutants, from.mutants),
  });
}

/** Reads the evidence attachments of one scenario attempt (normally exactly one) into one model. */
export function readEvidence(bodies: readonly string[]): EvidenceReading {
  const problems: string[] = [];
  let evidence: ScenarioEvidence | undefined;
  bodies.forEach((body, index) => {
    const which = bodies.length > 1 ? `evidence attachment ${index + 1} of ${bodies.length}` : 'the evidence attachment';
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch (error) {
      problems.push(`${which} is not JSON (${(error as Error).message}); it was left out`);
      return;
    }
    if (!isRecord(raw)) {
      problems.push(`${which} is not a JSON object; it was left out`);
      return;
    }
    const one = readOne(raw, problems);
    evidence = evidence ? merge(evidence, one) : one;
  });
  if (bodies.length > 1) problems.push(`${bodies.length} evidence attachments were merged; a scenario normally attaches one`);
  return evidence ? { evidence, problems } : { problems };
}
