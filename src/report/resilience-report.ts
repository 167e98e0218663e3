// The report model: what one cucumber run showed about the service's resilience. The JSON report is
// this model verbatim (schema: resilience-report.schema.json); the HTML and Markdown writers render it.
//
// Versions: 1 = first release. Bump reportSchemaVersion on any change a consumer could notice,
// and update the schema file in the same change (a test validates a generated report against it).
import type { ScenarioEvidence } from './evidence.js';

export const reportSchemaVersion = 1;

export type Verdict = 'passed' | 'failed' | 'skipped' | 'pending' | 'undefined' | 'ambiguous' | 'unknown';

export interface StepReport {
  readonly kind: 'step' | 'hook';
  /** "Given ", "When ", ... for steps; "Before" / "After" (or the hook's name) for hooks. */
  readonly keyword: string;
  readonly text: string;
  readonly status: Verdict;
  readonly durationMs: number;
  readonly error?: string;
  readonly docString?: string;
  readonly dataTable?: string[][];
}

export interface ScenarioReport {
  /** The pickle id: stable within one run, unique per scenario (and per example row). */
  readonly id: string;
  readonly feature: { readonly name: string; readonly uri: string };
  readonly name: string;
  readonly tags: string[];
  readonly verdict: Verdict;
  /** 1 unless cucumber retried the scenario; the report shows the last attempt. */
  readonly attempts: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly finishedAt?: number;
  readonly durationMs?: number;
  readonly steps: StepReport[];
  /** True when the evidence shows a failure mode was exercised (see summary.resilienceScore). */
  readonly exercisedFailure: boolean;
  readonly evidence?: ScenarioEvidence;
  /** Why some or all of the evidence could not be read. */
  readonly evidenceProblems: string[];
}

export interface MatrixCell {
  /** The fault's target: a link name such as "payment". */
  readonly dependency: string;
  /** The fault's kind, such as "toxic:latency" or "link-down". */
  readonly faultKind: string;
  readonly scenarios: number;
  readonly passed: number;
}

export interface ResilienceScore {
  /** 0..100, or null when no scenario exercised a failure. */
  readonly percent: number | null;
  readonly passed: number;
  readonly counted: number;
  readonly formula: string;
}

export interface MutantSummary {
  readonly name: string;
  readonly killed: boolean;
  readonly killedBy?: string;
  /** The scenario whose evidence reported the mutant. */
  readonly reportedBy: string;
}

export interface ResilienceReport {
  readonly schemaVersion: typeof reportSchemaVersion;
  readonly generator: { readonly name: 'faultline'; readonly cucumberVersion?: string };
  readonly run: {
    /** Epoch milliseconds; absent when the stream holds no testRunStarted. */
    readonly startedAt?: number;
    readonly finishedAt?: number;
    readonly durationMs?: number;
    /** Cucumber's own verdict on the run (false for undefined steps in strict mode, hook errors, ...). */
    readonly success?: boolean;
    readonly message?: string;
  };
  readonly summary: {
    readonly scenarios: number;
    readonly byVerdict: Record<Verdict, number>;
    readonly faultsInjected: number;
    readonly measurements: { readonly total: number; readonly withinBound: number };
    readonly resilienceScore: ResilienceScore;
  };
  readonly matrix: { readonly dependencies: string[]; readonly faultKinds: string[]; readonly cells: MatrixCell[] };
  readonly mutants: MutantSummary[];
  readonly scenarios: ScenarioReport[];
}
