import type { EventCheckReport } from '../events/event-checker.js';
import type { IntegrityReport } from '../saga/integrity-checker.js';
// What one run of a workload showed: the caller's answers per request and every upstream's
// journal. Plain data, so that interaction learning, oracles and pruning are pure functions of it.
import type { StoredRow } from '../dr/history.js';
import type { JournalEntry } from '../faults/gateway-control.js';

/** One request of the workload, as the caller saw it. */
export interface StepOutcome {
  readonly step: number;
  /** Sent as X-Request-Id; a service that forwards it lets the journal say which request caused what. */
  readonly requestId: string;
  /** The value of the configured unique header (the idempotency key), when the request has one. */
  readonly key?: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly status?: number;
  readonly contentType?: string;
  /** The problem type's last segment ("payment-failed"), for error answers in problem+json. */
  readonly problemType?: string;
  /** No complete answer: TIMEOUT, ECONNRESET... */
  readonly error?: string;
  /** The Location of a 2xx answer: what was acknowledged, read back after the run. */
  readonly location?: string;
  /**
   * Per upstream, the journal's last sequence number just before the request was sent and just after
   * its answer: the entries in between arrived while it was in flight, whatever the two clocks say.
   */
  readonly journalSpans?: Readonly<Record<string, JournalSpan>>;
}

/** Journal entries with `after < seq <= through` arrived while one request was in flight. */
export interface JournalSpan {
  readonly after: number;
  readonly through: number;
}

/** A 2xx answer's Location, read once the faults were removed. */
export interface ReadBack {
  readonly step: number;
  readonly location: string;
  readonly status?: number;
  readonly error?: string;
}

export interface UpstreamJournal {
  readonly upstream: string;
  readonly requests: readonly JournalEntry[];
}

/** How a scenario the explorer ran (explore <feature>:<line>) went, as its own steps judged it. */
export interface ScenarioVerdict {
  readonly passed: boolean;
  /** "passed", or the first step that did not pass: 'failed at Then "every request succeeded"'. */
  readonly outcome: string;
  /** The failure's first line, or why the faults could not be placed. */
  readonly detail: string;
}

export interface RunObservation {
  readonly steps: readonly StepOutcome[];
  readonly journals: readonly UpstreamJournal[];
  /** The service answered its readiness check again after the faults were removed. */
  readonly readyAgain: boolean;
  readonly readyDetail: string;
  readonly readBack?: readonly ReadBack[];
  /** The orders table's rows under this run's keys, read from the database after the run (the history oracle). */
  readonly stored?: { readonly rows: readonly StoredRow[] } | { readonly error: string };
  /** The saga's integrity checker after the run (the integrity oracle; stacks with an inventory upstream). */
  readonly integrity?: { readonly report: IntegrityReport; readonly settled: boolean } | { readonly error: string };
  /**
   * Journals of upstreams a worker calls later (`asynchronous: true`): their interactions are learned
   * (HTTP faults at the nth request), but no request of them is tied to a workload request.
   */
  readonly asyncJournals?: readonly UpstreamJournal[];
  /** The events checker after the run (the events oracle; stacks with the broker and the fulfilment worker). */
  readonly events?: { readonly report: EventCheckReport; readonly settled: boolean } | { readonly error: string };
  /** The workload was a scenario: its own steps' verdict (the scenario oracle). */
  readonly scenario?: ScenarioVerdict;
}

/** The workload step a journal entry belongs to: by forwarded request id, else by time. */
export function stepOfEntry(entry: JournalEntry, steps: readonly StepOutcome[], upstream?: string): number {
  const byId = steps.find((step) => entry.requestId !== null && step.requestId === entry.requestId);
  if (byId) return byId.step;
  // Requests run one after another, and the explorer read each upstream's journal just before each
  // request and just after its answer: an entry numbered between the two belongs to that request, and
  // one numbered between two requests to none. No clock is compared: a 2 ms tip jar request's charge,
  // placed by arrival time, fell into the next request's window when the upstream's clock ran a
  // millisecond or two ahead of this process's.
  const spans = upstream === undefined ? [] : steps.flatMap((step) => (step.journalSpans?.[upstream] ? [{ step: step.step, span: step.journalSpans[upstream]! }] : []));
  if (spans.length > 0) return spans.find(({ span }) => entry.seq > span.after && entry.seq <= span.through)?.step ?? -1;
  // Without spans (observations recorded by hand), by arrival time: the request whose window holds
  // it, else the nearest within 5 ms, the slack for the two clocks' disagreement.
  const slackMs = 5;
  const distance = (step: StepOutcome) => Math.max(0, step.startedAt - entry.arrivedAt, entry.arrivedAt - (step.startedAt + step.durationMs));
  const nearest = steps.filter((step) => distance(step) <= slackMs).sort((a, b) => distance(a) - distance(b))[0];
  return nearest?.step ?? -1;
}

/** "201", "503 payment-unavailable", "TIMEOUT": what the caller saw, in one word or two. */
export function outcomeWord(step: StepOutcome): string {
  if (step.status === undefined) return step.error ?? 'no answer';
  return step.problemType ? `${step.status} ${step.problemType}` : String(step.status);
}
