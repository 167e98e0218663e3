// The evidence a scenario attaches, as a versioned model. The formatter reads these attachments
// (media type evidenceMediaType) from the message stream and builds the reports from them.
//
// Versions: 1 = faults, requests, measurements, service, notes, diagnostics.
//           2 = adds the optional breakerTransitions, loadPhases, retryGaps, fuzzRuns,
//               disasterRecovery and mutants, and an optional detail on measurements.
//               Version 1 evidence is valid version 2 evidence, so readers accept both;
//               producers write the current version.
import type { FaultRecord } from '../faults/fault.js';

export const evidenceMediaType = 'application/vnd.faultline.evidence+json';
export const evidenceSchemaVersion = 2;
/** Every version a reader of this model understands. */
export const supportedEvidenceSchemaVersions: readonly number[] = [1, 2];

export interface RequestEvidence {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly status?: number;
  readonly error?: string;
}

export interface MeasurementEvidence {
  /** The sentence's claim, e.g. "added p50 order latency". */
  readonly label: string;
  readonly measured: number;
  readonly unit: string;
  readonly bound: string;
  readonly ok: boolean;
  /** The values behind the verdict (baseline and fault percentiles, outliers, ...). */
  readonly detail?: string;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** @since evidence version 2 */
export interface BreakerTransitionEvidence {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly from: BreakerState;
  readonly to: BreakerState;
}

/** One bucket of a latency-over-time series; buckets are 1 s wide or finer. */
export interface LatencyBucketEvidence {
  /** Epoch milliseconds at the start of the bucket. */
  readonly at: number;
  readonly widthMs: number;
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly maxMs?: number;
}

/** @since evidence version 2 */
export interface LoadPhaseEvidence {
  /** "warm-up", "fault", "recovery", ... */
  readonly name: string;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly requests: number;
  /** Non-2xx answers and connection errors, timeouts included. */
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMs: { readonly p50: number; readonly p90?: number; readonly p99: number; readonly max?: number };
  readonly series: LatencyBucketEvidence[];
}

/** @since evidence version 2 */
export interface RetryGapEvidence {
  /** The attempt the gap leads to: gap n is between attempt n-1 and attempt n. */
  readonly attempt: number;
  readonly gapMs: number;
  /** The backoff policy's envelope for this attempt, tolerances not included. */
  readonly envelopeMinMs: number;
  readonly envelopeMaxMs: number;
}

/** @since evidence version 2 */
export interface FuzzRunEvidence {
  readonly property: string;
  readonly runs: number;
  readonly seed: number;
  /** fast-check's shrink path of the counterexample. */
  readonly path?: string;
  readonly counterexample?: string;
  /** The exact command that replays this run. */
  readonly replayCommand: string;
  readonly ok: boolean;
}

/** @since evidence version 2 */
export interface DisasterRecoveryEvidence {
  /** Writes attempted, by the outcome the client saw. */
  readonly history: { readonly ok: number; readonly failed: number; readonly unknown: number };
  /** Acknowledged but absent after recovery. */
  readonly lost: number;
  readonly duplicated: number;
  /** Present but never attempted. */
  readonly unexpected: number;
  /** Reported as failed to the client, yet present. */
  readonly failedButPresent?: number;
  /** Time from the fault to the first acknowledged write. */
  readonly rtoMs?: number;
  /** Acknowledged writes lost. */
  readonly rpoCount?: number;
  readonly bounds?: { readonly rtoMs?: number; readonly rpoCount?: number };
}

/** @since evidence version 2 */
export interface MutantEvidence {
  /** The broken configuration, e.g. "breaker never opens". */
  readonly name: string;
  readonly killed: boolean;
  /** The scenario whose failure killed the mutant. */
  readonly killedBy?: string;
}

export interface DiagnosticsEvidence {
  /** The last log lines of each container, by service name. */
  readonly logs: Record<string, string>;
  readonly toxiproxy: unknown;
}

export interface ScenarioEvidence {
  readonly schemaVersion: number;
  readonly faults: FaultRecord[];
  readonly requests: RequestEvidence[];
  readonly measurements: MeasurementEvidence[];
  readonly service: { configuration: Record<string, string> };
  readonly notes: Record<string, unknown>;
  diagnostics?: unknown;
  breakerTransitions?: BreakerTransitionEvidence[];
  loadPhases?: LoadPhaseEvidence[];
  retryGaps?: RetryGapEvidence[];
  fuzzRuns?: FuzzRunEvidence[];
  disasterRecovery?: DisasterRecoveryEvidence;
  mutants?: MutantEvidence[];
}

export function emptyEvidence(): ScenarioEvidence {
  return { schemaVersion: evidenceSchemaVersion, faults: [], requests: [], measurements: [], service: { configuration: {} }, notes: {} };
}
