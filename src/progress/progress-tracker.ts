// What the progress formatter prints, worked out from Cucumber Messages alone (so that it is the
// same in --parallel runs and testable without cucumber): one line per scenario as it ends, with
// its verdict, duration, the running count and an estimate of what is left. Each scenario is the
// report collector's own, so the console and the report never disagree on a verdict or an error.
import type { Envelope } from '@cucumber/messages';
import { ReportCollector } from '../report/report-collector.js';
import { featureLine, formatMs } from '../report/report-format.js';
import { verdictSchema, type Verdict } from '../report/resilience-report.js';

/**
 * Time left from the run's own pace: wall-clock time per finished scenario (so that --parallel workers
 * and the first scenario's start-up count as they happened) times the scenarios left; none before one ends.
 */
export function estimateRemainingMs(progress: { readonly elapsedMs: number; readonly done: number; readonly total: number }): number | undefined {
  return progress.done <= 0 ? undefined : (progress.elapsedMs / progress.done) * Math.max(0, progress.total - progress.done);
}

/** A scenario attempt that ended; `willBeRetried`: it failed and cucumber runs it again. */
type ScenarioEnd = { verdict: Verdict; name: string; uri: string; line?: number; durationMs: number; done: number; total: number; remainingMs: number | undefined; willBeRetried?: boolean };

const verdictWidth = Math.max(...verdictSchema.options.map((verdict) => verdict.length));

/** `passed     3/6   A black-holed link fails a tip (features/x.feature)  1.4 s  · about 12.0 s left` */
export function progressLine(end: ScenarioEnd): string {
  const count = `${end.done}/${end.total}`.padStart(2 * String(end.total).length + 1);
  const verdict = end.willBeRetried ? 'retrying' : end.verdict;
  const left = end.willBeRetried ? '' : end.done >= end.total ? '  · last one' : end.remainingMs === undefined ? '' : `  · about ${formatMs(end.remainingMs)} left`;
  return `${verdict.padEnd(verdictWidth)} ${count}  ${end.name} (${featureLine(end.uri, end.line)})  ${formatMs(end.durationMs)}${left}`;
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
      if (problem) this.failures.push(`${scenario.name} (${featureLine(scenario.feature.uri, scenario.line)})\n  ${problem.replaceAll('\n', '\n  ')}`);
    }
    const elapsedMs = (scenario.finishedAt ?? scenario.startedAt) - (this.runStartedAt ?? scenario.startedAt);
    const { verdict, name, line, durationMs = 0 } = scenario;
    const counts = { done: this.done, total: this.total };
    const shown = progressLine({ verdict, name, uri: scenario.feature.uri, ...(line === undefined ? {} : { line }), durationMs, ...counts, remainingMs: estimateRemainingMs({ elapsedMs, ...counts }), willBeRetried });
    // The first line of what went wrong at once; the whole error comes with the failures at the end.
    return problem === undefined ? shown : `${shown}\n    ${problem.split('\n')[0]}`;
  }

  get counts() {
    return { done: this.done, total: this.total };
  }

  /** The end of the run: every failure with its step and error, numbered, as cucumber's own progress formatter lists them. */
  failureReport(): string {
    if (this.failures.length === 0) return '';
    return `\nFailures:\n${this.failures.map((failure, index) => `\n${index + 1}) ${failure}`).join('\n')}\n`;
  }
}
