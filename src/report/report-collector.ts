// Builds the report model from Cucumber Messages. It relies on envelopes only (never on cucumber's
// runtime objects), so it works in --parallel runs, where the coordinator sees every worker's
// messages, and on a saved messages.ndjson alike.
import { TimeConversion, type Envelope, type FeatureChild, type Pickle, type PickleStep, type TestCase, type TestStepResult } from '@cucumber/messages';
import { evidenceMediaType, readEvidence } from './evidence.js';
import { Redactor, isSecretKey, redactedText } from './redaction.js';
import { reportSchemaVersion, type ResilienceReport, type ScenarioReport, type StepReport, type Verdict } from './resilience-report.js';
import { exercisedFailure, patternOf, summarise } from './resilience-summary.js';

interface Attempt {
  readonly testCaseId: string;
  readonly attempt: number;
  readonly startedAt: number;
  finishedAt?: number;
  readonly results: Map<string, TestStepResult>;
  readonly evidenceBodies: string[];
}

// Worst last, as cucumber ranks them: a scenario's verdict is its worst step status.
const severity: readonly Verdict[] = ['unknown', 'passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'failed'];
const maximumErrorLength = 8_000;
const epochMs = TimeConversion.timestampToMillisecondsSinceEpoch;

function toVerdict(status: string | undefined): Verdict {
  const verdict = String(status ?? 'UNKNOWN').toLowerCase() as Verdict;
  return severity.includes(verdict) ? verdict : 'unknown';
}

const worst = (verdicts: readonly Verdict[]) => verdicts.reduce<Verdict>((a, b) => (severity.indexOf(b) > severity.indexOf(a) ? b : a), 'passed');
const truncate = (text: string) => (text.length <= maximumErrorLength ? text : `${text.slice(0, maximumErrorLength)}\n… (${text.length - maximumErrorLength} more characters)`);

export class ReportCollector {
  private readonly stepKeywords = new Map<string, string>();
  private readonly lines = new Map<string, number>();
  private readonly featureNames = new Map<string, string>();
  private readonly pickles = new Map<string, Pickle>();
  private readonly hooks = new Map<string, { name?: string; type?: string }>();
  private readonly testCases = new Map<string, TestCase>();
  private readonly attempts = new Map<string, Attempt>();
  private cucumberVersion: string | undefined;
  private runStartedAt: number | undefined;
  private runFinished: { at: number; success: boolean; message?: string } | undefined;

  /** `redactor`: pass Redactor.fromEnvironment(process.env) so that secret values of the run are removed too. */
  constructor(private readonly redactor: Redactor = new Redactor()) {}

  /** Epoch milliseconds of testRunStarted, once seen. */
  get startedAt(): number | undefined {
    return this.runStartedAt;
  }

  /** Takes every envelope; when one ends a scenario attempt, answers that attempt as the report shows it. */
  add(envelope: Envelope): { scenario: ScenarioReport; willBeRetried: boolean } | undefined {
    if (envelope.meta) this.cucumberVersion = envelope.meta.implementation.version;
    else if (envelope.gherkinDocument?.feature) {
      if (envelope.gherkinDocument.uri) this.featureNames.set(envelope.gherkinDocument.uri, envelope.gherkinDocument.feature.name);
      this.visit(envelope.gherkinDocument.feature.children);
    } else if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.hook) this.hooks.set(envelope.hook.id, { ...(envelope.hook.name ? { name: envelope.hook.name } : {}), ...(envelope.hook.type ? { type: String(envelope.hook.type) } : {}) });
    else if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase);
    else if (envelope.testRunStarted) this.runStartedAt = epochMs(envelope.testRunStarted.timestamp);
    else if (envelope.testCaseStarted) {
      const started = envelope.testCaseStarted;
      this.attempts.set(started.id, { testCaseId: started.testCaseId, attempt: started.attempt, startedAt: epochMs(started.timestamp), results: new Map(), evidenceBodies: [] });
    } else if (envelope.testStepFinished) {
      const finished = envelope.testStepFinished;
      this.attempts.get(finished.testCaseStartedId)?.results.set(finished.testStepId, finished.testStepResult);
    } else if (envelope.attachment) {
      const { mediaType, testCaseStartedId, body, contentEncoding } = envelope.attachment;
      if (mediaType !== evidenceMediaType || !testCaseStartedId) return undefined;
      this.attempts.get(testCaseStartedId)?.evidenceBodies.push(String(contentEncoding) === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body);
    } else if (envelope.testCaseFinished) {
      const attempt = this.attempts.get(envelope.testCaseFinished.testCaseStartedId);
      const testCase = attempt && this.testCases.get(attempt.testCaseId);
      const pickle = testCase && this.pickles.get(testCase.pickleId);
      if (!attempt || !testCase || !pickle) return undefined;
      attempt.finishedAt = epochMs(envelope.testCaseFinished.timestamp);
      return { scenario: this.scenario(pickle, testCase, attempt, attempt.attempt + 1), willBeRetried: envelope.testCaseFinished.willBeRetried };
    } else if (envelope.testRunFinished) {
      const { timestamp, success, message } = envelope.testRunFinished;
      this.runFinished = { at: epochMs(timestamp), success, ...(message ? { message } : {}) };
    }
    return undefined;
  }

  build(): ResilienceReport {
    const lastAttempts = new Map<string, { attempt: Attempt; count: number }>();
    for (const attempt of this.attempts.values()) {
      const known = lastAttempts.get(attempt.testCaseId);
      if (!known || attempt.attempt > known.attempt.attempt) lastAttempts.set(attempt.testCaseId, { attempt, count: (known?.count ?? 0) + 1 });
      else known.count++;
    }
    const casesByPickle = new Map([...this.testCases.values()].map((testCase) => [testCase.pickleId, testCase]));
    // Pickle order is the order of the feature files, whatever order parallel workers ran them in.
    const scenarios = [...this.pickles.values()].flatMap((pickle) => {
      const testCase = casesByPickle.get(pickle.id);
      const last = testCase && lastAttempts.get(testCase.id);
      return testCase ? [this.scenario(pickle, testCase, last?.attempt, last?.count ?? 0)] : [];
    });
    const run = this.runFinished;
    return {
      schemaVersion: reportSchemaVersion,
      generator: { name: 'faultline', ...(this.cucumberVersion ? { cucumberVersion: this.cucumberVersion } : {}) },
      run: {
        ...(this.runStartedAt === undefined ? {} : { startedAt: this.runStartedAt }),
        ...(run ? { finishedAt: run.at, success: run.success } : {}),
        ...(run && this.runStartedAt !== undefined ? { durationMs: run.at - this.runStartedAt } : {}),
        ...(run?.message ? { message: this.redactor.text(run.message) } : {}),
      },
      summary: summarise(scenarios),
      scenarios,
    };
  }

  private visit(children: readonly FeatureChild[]): void {
    for (const child of children) {
      for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) this.stepKeywords.set(step.id, step.keyword);
      if (child.scenario) this.lines.set(child.scenario.id, child.scenario.location.line);
      for (const row of child.scenario?.examples?.flatMap((examples) => examples.tableBody) ?? []) this.lines.set(row.id, row.location.line);
      if (child.rule) this.visit(child.rule.children);
    }
  }

  private scenario(pickle: Pickle, testCase: TestCase, attempt: Attempt | undefined, attempts: number): ScenarioReport {
    const reading = attempt ? readEvidence(attempt.evidenceBodies) : { problems: [] };
    // Secret values found in the evidence itself (a forgotten configuration entry) are removed everywhere.
    const redactor = this.redactor.including(reading.evidence);
    const steps = this.steps(pickle, testCase, attempt, redactor);
    let verdict: Verdict = attempt ? worst(steps.map((step) => step.status)) : 'skipped';
    if (attempt && attempt.finishedAt === undefined && (verdict === 'passed' || verdict === 'skipped')) verdict = 'unknown';
    const evidence = reading.evidence ? redactor.value(reading.evidence) : undefined;
    const line = pickle.location?.line ?? this.lines.get(pickle.astNodeIds.at(-1) ?? '');
    const tags = pickle.tags.map((tag) => tag.name);
    return {
      id: pickle.id,
      feature: { name: redactor.text(this.featureNames.get(pickle.uri) ?? pickle.uri), uri: pickle.uri },
      ...(line === undefined ? {} : { line }),
      name: redactor.text(pickle.name),
      tags,
      pattern: patternOf(tags, pickle.uri),
      verdict,
      attempts,
      startedAt: attempt?.startedAt ?? this.runStartedAt ?? 0,
      ...(attempt?.finishedAt !== undefined ? { finishedAt: attempt.finishedAt, durationMs: attempt.finishedAt - attempt.startedAt } : {}),
      steps,
      exercisedFailure: exercisedFailure(evidence),
      ...(evidence ? { evidence } : {}),
      evidenceProblems: [...reading.problems, ...(attempt && attempt.evidenceBodies.length === 0 ? ['the scenario attached no evidence'] : [])],
    };
  }

  private steps(pickle: Pickle, testCase: TestCase, attempt: Attempt | undefined, redactor: Redactor): StepReport[] {
    const pickleSteps = new Map(pickle.steps.map((step) => [step.id, step]));
    const firstStepIndex = testCase.testSteps.findIndex((step) => step.pickleStepId !== undefined);
    return testCase.testSteps.map((testStep, index) => {
      const result = attempt?.results.get(testStep.id);
      const common = {
        status: result ? toVerdict(result.status) : attempt?.finishedAt !== undefined ? ('skipped' as const) : ('unknown' as const),
        durationMs: result ? Math.round(TimeConversion.durationToMilliseconds(result.duration) * 1000) / 1000 : 0,
        ...(result?.message ? { error: truncate(redactor.text(result.message)) } : {}),
      };
      const pickleStep = testStep.pickleStepId ? pickleSteps.get(testStep.pickleStepId) : undefined;
      if (pickleStep) {
        const keyword = this.stepKeywords.get(pickleStep.astNodeIds[0] ?? '') ?? '* ';
        return { kind: 'step' as const, keyword, text: redactor.text(pickleStep.text), ...common, ...argumentOf(pickleStep, redactor) };
      }
      const hook = testStep.hookId ? this.hooks.get(testStep.hookId) : undefined;
      // Older message streams have no hook type; there, a hook's place relative to the steps tells.
      const before = hook?.type ? hook.type === 'BEFORE_TEST_CASE' : firstStepIndex !== -1 && index < firstStepIndex;
      return { kind: 'hook' as const, keyword: before ? 'Before' : 'After', text: redactor.text(hook?.name ?? ''), ...common };
    });
  }
}

function argumentOf(step: PickleStep, redactor: Redactor): Pick<StepReport, 'docString' | 'dataTable'> {
  const argument = step.argument;
  if (argument?.docString) return { docString: redactor.text(argument.docString.content) };
  if (!argument?.dataTable) return {};
  // A two-column table is a key/value list ("| DB_PASSWORD | ... |"): hide values of secret-looking keys.
  const rows = argument.dataTable.rows.map((row) => row.cells.map((cell) => redactor.text(cell.value)));
  return { dataTable: rows.map((row) => (row.length === 2 && isSecretKey(row[0] ?? '') ? [row[0] ?? '', redactedText] : row)) };
}
