// Builds the report model from Cucumber Messages. It relies on envelopes only (never on cucumber's
// runtime objects), so it works in --parallel runs, where the coordinator sees every worker's
// messages, and on a saved messages.ndjson alike.
import {
  durationToMs,
  timestampToEpochMs,
  type Envelope,
  type GherkinChild,
  type HookMessage,
  type PickleMessage,
  type PickleStepMessage,
  type TestCaseMessage,
  type TestStepResultMessage,
} from './cucumber-envelope.js';
import { evidenceMediaType } from './evidence.js';
import { readEvidence } from './evidence-reader.js';
import { Redactor, isSecretKey, redactedText } from './redaction.js';
import { reportSchemaVersion, type ResilienceReport, type ScenarioReport, type StepReport, type Verdict } from './resilience-report.js';
import { exercisedFailure, faultMatrix, mutantSummaries, summarise } from './resilience-summary.js';

interface Attempt {
  readonly id: string;
  readonly testCaseId: string;
  readonly attempt: number;
  readonly startedAt: number;
  finishedAt?: number;
  readonly results: Map<string, TestStepResultMessage>;
  readonly evidenceBodies: string[];
}

// Worst last, as cucumber ranks them: a scenario's verdict is its worst step status.
const severity: readonly Verdict[] = ['unknown', 'passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'failed'];
const maximumErrorLength = 8_000;

function toVerdict(status: string | undefined): Verdict {
  const verdict = (status ?? 'UNKNOWN').toLowerCase() as Verdict;
  return severity.includes(verdict) ? verdict : 'unknown';
}

function worst(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((a, b) => (severity.indexOf(b) > severity.indexOf(a) ? b : a), 'passed');
}

function decodeBody(body: string, encoding: string): string {
  return encoding === 'BASE64' ? Buffer.from(body, 'base64').toString('utf8') : body;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length)}\n… (${text.length - length} more characters)`;
}

export class ReportCollector {
  private readonly stepKeywords = new Map<string, string>();
  private readonly featureNames = new Map<string, string>();
  private readonly pickles = new Map<string, PickleMessage>();
  private readonly hooks = new Map<string, HookMessage>();
  private readonly testCases = new Map<string, TestCaseMessage>();
  private readonly attempts = new Map<string, Attempt>();
  private cucumberVersion: string | undefined;
  private runStartedAt: number | undefined;
  private runFinished: { at: number; success: boolean; message?: string } | undefined;

  /** `redactor`: pass Redactor.fromEnvironment(process.env) so that secret values of the run are removed too. */
  constructor(private readonly redactor: Redactor = new Redactor()) {}

  add(envelope: Envelope): void {
    if (envelope.meta) this.cucumberVersion = envelope.meta.implementation.version;
    else if (envelope.gherkinDocument) this.addDocument(envelope.gherkinDocument);
    else if (envelope.pickle) this.pickles.set(envelope.pickle.id, envelope.pickle);
    else if (envelope.hook) this.hooks.set(envelope.hook.id, envelope.hook);
    else if (envelope.testCase) this.testCases.set(envelope.testCase.id, envelope.testCase);
    else if (envelope.testRunStarted) this.runStartedAt = timestampToEpochMs(envelope.testRunStarted.timestamp);
    else if (envelope.testCaseStarted) {
      const started = envelope.testCaseStarted;
      this.attempts.set(started.id, {
        id: started.id,
        testCaseId: started.testCaseId,
        attempt: started.attempt,
        startedAt: timestampToEpochMs(started.timestamp),
        results: new Map(),
        evidenceBodies: [],
      });
    } else if (envelope.testStepFinished) {
      const finished = envelope.testStepFinished;
      this.attempts.get(finished.testCaseStartedId)?.results.set(finished.testStepId, finished.testStepResult);
    } else if (envelope.attachment) {
      const attachment = envelope.attachment;
      if (attachment.mediaType !== evidenceMediaType || !attachment.testCaseStartedId) return;
      this.attempts.get(attachment.testCaseStartedId)?.evidenceBodies.push(decodeBody(attachment.body, attachment.contentEncoding));
    } else if (envelope.testCaseFinished) {
      const attempt = this.attempts.get(envelope.testCaseFinished.testCaseStartedId);
      if (attempt) attempt.finishedAt = timestampToEpochMs(envelope.testCaseFinished.timestamp);
    } else if (envelope.testRunFinished) {
      const finished = envelope.testRunFinished;
      this.runFinished = { at: timestampToEpochMs(finished.timestamp), success: finished.success, ...(finished.message ? { message: finished.message } : {}) };
    }
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
    const scenarios: ScenarioReport[] = [];
    for (const pickle of this.pickles.values()) {
      const testCase = casesByPickle.get(pickle.id);
      if (!testCase) continue;
      const last = lastAttempts.get(testCase.id);
      scenarios.push(this.scenario(pickle, testCase, last?.attempt, last?.count ?? 0));
    }
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
      matrix: faultMatrix(scenarios),
      mutants: mutantSummaries(scenarios),
      scenarios,
    };
  }

  private addDocument(document: NonNullable<Envelope['gherkinDocument']>): void {
    if (!document.feature) return;
    if (document.uri) this.featureNames.set(document.uri, document.feature.name);
    const visit = (children: readonly GherkinChild[]): void => {
      for (const child of children) {
        for (const step of [...(child.background?.steps ?? []), ...(child.scenario?.steps ?? [])]) this.stepKeywords.set(step.id, step.keyword);
        if (child.rule) visit(child.rule.children);
      }
    };
    visit(document.feature.children);
  }

  private scenario(pickle: PickleMessage, testCase: TestCaseMessage, attempt: Attempt | undefined, attempts: number): ScenarioReport {
    const reading = attempt ? readEvidence(attempt.evidenceBodies) : { problems: [] };
    // Secret values found in the evidence itself (a forgotten configuration entry) are removed everywhere.
    const redactor = this.redactor.including(reading.evidence);
    const steps = this.steps(pickle, testCase, attempt, redactor);
    const finished = attempt?.finishedAt !== undefined;
    let verdict: Verdict = attempt ? worst(steps.map((step) => step.status)) : 'skipped';
    if (attempt && !finished && (verdict === 'passed' || verdict === 'skipped')) verdict = 'unknown';
    const evidence = reading.evidence ? redactor.value(reading.evidence) : undefined;
    const problems = [...reading.problems];
    if (attempt && attempt.evidenceBodies.length === 0) problems.push('the scenario attached no evidence');
    return {
      id: pickle.id,
      feature: { name: redactor.text(this.featureNames.get(pickle.uri) ?? pickle.uri), uri: pickle.uri },
      name: redactor.text(pickle.name),
      tags: pickle.tags.map((tag) => tag.name),
      verdict,
      attempts,
      startedAt: attempt?.startedAt ?? this.runStartedAt ?? 0,
      ...(attempt?.finishedAt !== undefined ? { finishedAt: attempt.finishedAt, durationMs: attempt.finishedAt - attempt.startedAt } : {}),
      steps,
      exercisedFailure: exercisedFailure({ evidence }),
      ...(evidence ? { evidence } : {}),
      evidenceProblems: problems,
    };
  }

  private steps(pickle: PickleMessage, testCase: TestCaseMessage, attempt: Attempt | undefined, redactor: Redactor): StepReport[] {
    const pickleSteps = new Map(pickle.steps.map((step) => [step.id, step]));
    const firstStepIndex = testCase.testSteps.findIndex((step) => step.pickleStepId !== undefined);
    return testCase.testSteps.map((testStep, index) => {
      const result = attempt?.results.get(testStep.id);
      const common = {
        status: result ? toVerdict(result.status) : attempt?.finishedAt !== undefined ? ('skipped' as const) : ('unknown' as const),
        durationMs: result ? Math.round(durationToMs(result.duration) * 1000) / 1000 : 0,
        ...(result?.message ? { error: truncate(redactor.text(result.message), maximumErrorLength) } : {}),
      };
      const pickleStep = testStep.pickleStepId ? pickleSteps.get(testStep.pickleStepId) : undefined;
      if (pickleStep) {
        return {
          kind: 'step' as const,
          keyword: this.stepKeywords.get(pickleStep.astNodeIds[0] ?? '') ?? '* ',
          text: redactor.text(pickleStep.text),
          ...common,
          ...argumentOf(pickleStep, redactor),
        };
      }
      const hook = testStep.hookId ? this.hooks.get(testStep.hookId) : undefined;
      // Older message streams have no hook type; there, a hook's place relative to the steps tells.
      const before = hook?.type ? hook.type === 'BEFORE_TEST_CASE' : firstStepIndex !== -1 && index < firstStepIndex;
      return { kind: 'hook' as const, keyword: before ? 'Before' : 'After', text: redactor.text(hook?.name ?? ''), ...common };
    });
  }
}

function argumentOf(step: PickleStepMessage, redactor: Redactor): Pick<StepReport, 'docString' | 'dataTable'> {
  const argument = step.argument;
  if (argument?.docString) return { docString: redactor.text(argument.docString.content) };
  if (argument?.dataTable) {
    // A two-column table is a key/value list ("| DB_PASSWORD | ... |"): hide values of secret-looking keys.
    const rows = argument.dataTable.rows.map((row) => row.cells.map((cell) => redactor.text(cell.value)));
    return { dataTable: rows.map((row) => (row.length === 2 && isSecretKey(row[0] ?? '') ? [row[0] ?? '', redactedText] : row)) };
  }
  return {};
}
