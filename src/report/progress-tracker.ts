// What the progress formatter prints, worked out from Cucumber Messages alone (so that it is the
// same in --parallel runs and testable without cucumber): one line per scenario as it ends, with
// its verdict, duration, the running count and an estimate of what is left.
import type { Envelope, Pickle } from '@cucumber/messages';
import { timestampToEpochMs } from './message-time.js';
import type { Verdict } from './resilience-report.js';

// Worst last, as cucumber ranks step statuses: a scenario's verdict is its worst step's.
const severity: readonly Verdict[] = ['unknown', 'passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'failed'];

function toVerdict(status: string | undefined): Verdict {
  const verdict = (status ?? 'UNKNOWN').toLowerCase() as Verdict;
  return severity.includes(verdict) ? verdict : 'unknown';
}

/** "850 ms", "4.2 s", "3 min 07 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  if (rounded < 1000) return `${rounded} ms`;
  if (rounded < 60_000) return `${(rounded / 1000).toFixed(1)} s`;
  const seconds = Math.round(rounded / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * Time left, from the run's own pace: wall-clock time so far per finished scenario, times the
 * scenarios still to run. Wall-clock rather than the sum of durations, so that --parallel workers
 * and the shared start-up cost of the first scenario are accounted for as they happened.
 * Undefined until one scenario has finished (there is no pace to go by).
 */
export function estimateRemainingMs(progress: { readonly elapsedMs: number; readonly done: number; readonly total: number }): number | undefined {
  if (progress.done <= 0) return undefined;
  const left = Math.max(0, progress.total - progress.done);
  return (progress.elapsedMs / progress.done) * left;
}

export interface ScenarioEnd {
  readonly verdict: Verdict;
  readonly name: string;
  readonly uri: string;
  readonly line?: number;
  readonly durationMs: number;
  readonly done: number;
  readonly total: number;
  readonly remainingMs: number | undefined;
  /** The attempt failed and cucumber will run the scenario again (retry). */
  readonly willBeRetried?: boolean;
}

const verdictWidth = Math.max(...severity.map((verdict) => verdict.length));

/** `passed     3/6   A black-holed link fails a tip (features/x.feature)  1.4 s  · about 12.0 s left` */
export function progressLine(end: ScenarioEnd): string {
  const count = `${end.done}/${end.total}`.padStart(2 * String(end.total).length + 1);
  const verdict = end.willBeRetried ? 'retrying' : end.verdict;
  const left = end.willBeRetried ? '' : end.done >= end.total ? '  · last one' : end.remainingMs === undefined ? '' : `  · about ${formatDuration(end.remainingMs)} left`;
  return `${verdict.padEnd(verdictWidth)} ${count}  ${end.name} (${end.uri}${end.line === undefined ? '' : `:${end.line}`})  ${formatDuration(end.durationMs)}${left}`;
}

interface Attempt {
  readonly pickle: Pickle | undefined;
  readonly testCaseId: string;
  readonly startedAt: number;
  readonly statuses: Verdict[];
  problem?: string;
}

const problemStatuses = new Set(['FAILED', 'UNDEFINED', 'AMBIGUOUS', 'PENDING']);
const maximumProblemLines = 12;

/** The first lines of an error: its message and where it was thrown, not the whole stack. */
export function shortenError(message: string): string {
  const lines = message.trimEnd().split('\n');
  return lines.length <= maximumProblemLines ? lines.join('\n') : `${lines.slice(0, maximumProblemLines).join('\n')}\n… (${lines.length - maximumProblemLines} more lines in the report)`;
}

/** Feed it every envelope; it answers with a line when a scenario ends. */
export class ProgressTracker {
  private readonly pickles = new Map<string, Pickle>();
  private readonly pickleLines = new Map<string, number>();
  private readonly testCasePickle = new Map<string, string>();
  private readonly attempts = new Map<string, Attempt>();
  private readonly testSteps = new Map<string, { readonly pickleStepId?: string; readonly hookId?: string }>();
  private readonly hooks = new Map<string, string>();
  private readonly runHooks = new Map<string, string>();
  /** What went wrong, one entry per failed scenario or hook, for the end of the run. */
  readonly failures: string[] = [];
  private runStartedAt: number | undefined;
  private total = 0;
  private done = 0;
  readonly byVerdict = new Map<Verdict, number>();

  add(envelope: Envelope): string | undefined {
    if (envelope.gherkinDocument?.feature) this.rememberLines(envelope.gherkinDocument.feature.children);
    else if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.hook) {
      const where = envelope.hook.sourceReference;
      this.hooks.set(envelope.hook.id, `${envelope.hook.name ? `"${envelope.hook.name}" ` : ''}${where?.uri ?? ''}${where?.location ? `:${where.location.line}` : ''}`.trim());
    }
    // One testCase per pickle that will run (after tags, names and --shard have filtered).
    else if (envelope.testCase) {
      this.testCasePickle.set(envelope.testCase.id, envelope.testCase.pickleId);
      for (const step of envelope.testCase.testSteps) this.testSteps.set(step.id, step);
      this.total++;
    } else if (envelope.testRunStarted) this.runStartedAt = timestampToEpochMs(envelope.testRunStarted.timestamp);
    else if (envelope.testRunHookStarted) this.runHooks.set(envelope.testRunHookStarted.id, envelope.testRunHookStarted.hookId);
    else if (envelope.testRunHookFinished) {
      const { result, testRunHookStartedId } = envelope.testRunHookFinished;
      if (!problemStatuses.has(result.status)) return undefined;
      const hook = this.hooks.get(this.runHooks.get(testRunHookStartedId) ?? '') ?? 'a BeforeAll/AfterAll hook';
      const problem = `hook ${hook} ${result.status.toLowerCase()}: ${shortenError(result.message ?? '(no message)')}`;
      this.failures.push(problem);
      return problem.split('\n')[0];
    } else if (envelope.testCaseStarted) {
      const started = envelope.testCaseStarted;
      const pickle = this.pickles.get(this.testCasePickle.get(started.testCaseId) ?? '');
      this.attempts.set(started.id, { pickle, testCaseId: started.testCaseId, startedAt: timestampToEpochMs(started.timestamp), statuses: [] });
    } else if (envelope.testStepFinished) {
      const finished = envelope.testStepFinished;
      const attempt = this.attempts.get(finished.testCaseStartedId);
      if (!attempt) return undefined;
      attempt.statuses.push(toVerdict(finished.testStepResult.status));
      if (attempt.problem === undefined && problemStatuses.has(finished.testStepResult.status)) {
        attempt.problem = `${this.stepName(attempt, finished.testStepId)} ${finished.testStepResult.status.toLowerCase()}${finished.testStepResult.message ? `: ${shortenError(finished.testStepResult.message)}` : ''}`;
      }
    } else if (envelope.testCaseFinished) {
      const finished = envelope.testCaseFinished;
      const attempt = this.attempts.get(finished.testCaseStartedId);
      if (!attempt) return undefined;
      this.attempts.delete(finished.testCaseStartedId);
      const finishedAt = timestampToEpochMs(finished.timestamp);
      const verdict = attempt.statuses.reduce<Verdict>((a, b) => (severity.indexOf(b) > severity.indexOf(a) ? b : a), 'passed');
      const line = this.pickleLine(attempt.pickle);
      if (!finished.willBeRetried) {
        this.done++;
        this.byVerdict.set(verdict, (this.byVerdict.get(verdict) ?? 0) + 1);
        if (attempt.problem !== undefined) {
          this.failures.push(`${attempt.pickle?.name ?? '(unknown scenario)'} (${attempt.pickle?.uri ?? '?'}${line === undefined ? '' : `:${line}`})\n  ${attempt.problem.replaceAll('\n', '\n  ')}`);
        }
      }
      const shown = progressLine({
        verdict,
        name: attempt.pickle?.name ?? '(unknown scenario)',
        uri: attempt.pickle?.uri ?? '?',
        ...(line === undefined ? {} : { line }),
        durationMs: finishedAt - attempt.startedAt,
        done: this.done,
        total: this.total,
        remainingMs: estimateRemainingMs({ elapsedMs: finishedAt - (this.runStartedAt ?? attempt.startedAt), done: this.done, total: this.total }),
        willBeRetried: finished.willBeRetried,
      });
      // The first line of what went wrong at once; the whole error comes with the failures at the end.
      return attempt.problem === undefined ? shown : `${shown}\n    ${attempt.problem.split('\n')[0]}`;
    }
    return undefined;
  }

  get counts(): { readonly done: number; readonly total: number } {
    return { done: this.done, total: this.total };
  }

  /** The end of the run: every failure with its step and error, numbered, as cucumber's own progress formatter lists them. */
  failureReport(): string {
    if (this.failures.length === 0) return '';
    return `\nFailures:\n${this.failures.map((failure, index) => `\n${index + 1}) ${failure}`).join('\n')}\n`;
  }

  private stepName(attempt: Attempt, testStepId: string): string {
    const step = this.testSteps.get(testStepId);
    if (step?.pickleStepId) {
      const text = attempt.pickle?.steps.find((candidate) => candidate.id === step.pickleStepId)?.text;
      if (text !== undefined) return `step "${text}"`;
    }
    return step?.hookId === undefined ? 'a step' : `hook ${this.hooks.get(step.hookId) || '(unknown)'}`;
  }

  private rememberLines(children: readonly { scenario?: { id: string; location?: { line: number } }; rule?: { children: readonly unknown[] } }[]): void {
    for (const child of children) {
      if (child.scenario?.location) this.pickleLines.set(child.scenario.id, child.scenario.location.line);
      if (child.rule) this.rememberLines(child.rule.children as typeof children);
    }
  }

  private pickleLine(pickle: Pickle | undefined): number | undefined {
    // A pickle's first AST node is its scenario (the second, for an example row, its row).
    return pickle ? this.pickleLines.get(pickle.astNodeIds[0] ?? '') : undefined;
  }
}
