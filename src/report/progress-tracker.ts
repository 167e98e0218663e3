// What the progress formatter prints, worked out from Cucumber Messages alone (so that it is the
// same in --parallel runs and testable without cucumber): one line per scenario as it ends, with
// its verdict, duration, the running count and an estimate of what is left. Each scenario is the
// report collector's own, so the console and the report never disagree on a verdict or an error.
import type { Envelope } from '@cucumber/messages';
import { ReportCollector } from './report-collector.js';
import { formatMs } from './report-format.js';
import { verdictSchema, type Verdict } from './resilience-report.js';

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

const verdictWidth = Math.max(...verdictSchema.options.map((verdict) => verdict.length));

/** `passed     3/6   A black-holed link fails a tip (features/x.feature)  1.4 s  · about 12.0 s left` */
export function progressLine(end: ScenarioEnd): string {
  const count = `${end.done}/${end.total}`.padStart(2 * String(end.total).length + 1);
  const verdict = end.willBeRetried ? 'retrying' : end.verdict;
  const left = end.willBeRetried ? '' : end.done >= end.total ? '  · last one' : end.remainingMs === undefined ? '' : `  · about ${formatMs(end.remainingMs)} left`;
  return `${verdict.padEnd(verdictWidth)} ${count}  ${end.name} (${end.uri}${end.line === undefined ? '' : `:${end.line}`})  ${formatMs(end.durationMs)}${left}`;
}

const problems: ReadonlySet<string> = new Set(['failed', 'undefined', 'ambiguous', 'pending']);
const maximumProblemLines = 12;

/** The first lines of an error: its message and where it was thrown, not the whole stack. */
export function shortenError(message: string): string {
  const lines = message.trimEnd().split('\n');
  return lines.length <= maximumProblemLines ? lines.join('\n') : `${lines.slice(0, maximumProblemLines).join('\n')}\n… (${lines.length - maximumProblemLines} more lines in the report)`;
}

/** Feed it every envelope; it answers with a line when a scenario ends. */
export class ProgressTracker {
  /** What went wrong, one entry per failed scenario or hook, for the end of the run. */
  readonly failures: string[] = [];
  readonly byVerdict = new Map<Verdict, number>();
  private readonly hooks = new Map<string, string>();
  private readonly runHooks = new Map<string, string>();
  private runStartedAt: number | undefined;
  private total = 0;
  private done = 0;

  constructor(readonly collector = new ReportCollector()) {}

  add(envelope: Envelope): string | undefined {
    const ended = this.collector.add(envelope);
    if (envelope.hook) {
      const where = envelope.hook.sourceReference;
      this.hooks.set(envelope.hook.id, `${envelope.hook.name ? `"${envelope.hook.name}" ` : ''}${where?.uri ?? ''}${where?.location ? `:${where.location.line}` : ''}`.trim());
    }
    // One testCase per pickle that will run (after tags, names and --shard have filtered).
    else if (envelope.testCase) this.total++;
    else if (envelope.testRunStarted) this.runStartedAt = this.collector.startedAt;
    else if (envelope.testRunHookStarted) this.runHooks.set(envelope.testRunHookStarted.id, envelope.testRunHookStarted.hookId);
    else if (envelope.testRunHookFinished) {
      const { result, testRunHookStartedId } = envelope.testRunHookFinished;
      if (!problems.has(String(result.status).toLowerCase())) return undefined;
      const hook = this.hooks.get(this.runHooks.get(testRunHookStartedId) ?? '') ?? 'a BeforeAll/AfterAll hook';
      const problem = `hook ${hook} ${String(result.status).toLowerCase()}: ${shortenError(result.message ?? '(no message)')}`;
      this.failures.push(problem);
      return problem.split('\n')[0];
    }
    if (!ended) return undefined;
    const { scenario, willBeRetried } = ended;
    const step = scenario.steps.find((candidate) => problems.has(candidate.status));
    const problem = step && `${step.kind === 'hook' ? `${step.keyword} hook${step.text ? ` "${step.text}"` : ''}` : `step "${step.text}"`} ${step.status}${step.error ? `: ${shortenError(step.error)}` : ''}`;
    if (!willBeRetried) {
      this.done++;
      this.byVerdict.set(scenario.verdict, (this.byVerdict.get(scenario.verdict) ?? 0) + 1);
      if (problem) this.failures.push(`${scenario.name} (${scenario.feature.uri}${scenario.line === undefined ? '' : `:${scenario.line}`})\n  ${problem.replaceAll('\n', '\n  ')}`);
    }
    const finishedAt = scenario.finishedAt ?? scenario.startedAt;
    const shown = progressLine({
      verdict: scenario.verdict,
      name: scenario.name,
      uri: scenario.feature.uri,
      ...(scenario.line === undefined ? {} : { line: scenario.line }),
      durationMs: scenario.durationMs ?? 0,
      done: this.done,
      total: this.total,
      remainingMs: estimateRemainingMs({ elapsedMs: finishedAt - (this.runStartedAt ?? scenario.startedAt), done: this.done, total: this.total }),
      willBeRetried,
    });
    // The first line of what went wrong at once; the whole error comes with the failures at the end.
    return problem === undefined ? shown : `${shown}\n    ${problem.split('\n')[0]}`;
  }

  get counts(): { readonly done: number; readonly total: number } {
    return { done: this.done, total: this.total };
  }

  /** The end of the run: every failure with its step and error, numbered, as cucumber's own progress formatter lists them. */
  failureReport(): string {
    if (this.failures.length === 0) return '';
    return `\nFailures:\n${this.failures.map((failure, index) => `\n${index + 1}) ${failure}`).join('\n')}\n`;
  }
}
