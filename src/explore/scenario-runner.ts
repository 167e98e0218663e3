// One scenario of a feature file as the explorer's workload: cucumber-js's own API runs it (the
// layout keeps cucumber out of src/ except the report formatters; this file is the exception the
// explorer needs, because the scenario's steps and hooks are what it runs, not a copy of them).
// The support code is loaded once and every run reuses it; the test-run hooks that end a run (the
// common AfterAll disposes the shared stack) are held back until close(), so that every run of
// the scenario shares one stack, as the scenarios of one cucumber run do.
import { Writable } from 'node:stream';
import { loadConfiguration, loadSupport, runCucumber, type IRunConfiguration, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { FaultlineError } from '../errors.js';
import { faultSetId, faultSpecId, type FaultSpec } from './fault-spec.js';
import type { ScenarioVerdict, UpstreamJournal } from './run-observation.js';
import { scenarioBridge, scenarioFaultsVariable, scenarioSlowVariable } from './scenario-bridge.js';
import type { Stack } from '../stack/stack.js';

export interface ScenarioRun {
  readonly verdict: ScenarioVerdict;
  readonly journals: readonly UpstreamJournal[];
  readonly stack: Stack;
  readonly durationMs: number;
}

const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const keywordOf: Record<string, string> = { Context: 'Given', Action: 'When', Outcome: 'Then' };

export class ScenarioRunner {
  private runs = 0;

  private constructor(
    readonly location: string,
    private readonly configuration: IRunConfiguration,
    private readonly support: ISupportCodeLibrary,
    private readonly slowMs: number,
  ) {}

  /** Reads the project's cucumber configuration (its default profile) and loads the support code once. */
  static async load(location: string, slowMs: number): Promise<ScenarioRunner> {
    const { runConfiguration } = await loadConfiguration({ provided: {} }, { stdout: silent(), stderr: silent() });
    const configuration: IRunConfiguration = {
      ...runConfiguration,
      sources: { ...runConfiguration.sources, paths: [location], tagExpression: '', names: [] },
      runtime: { ...runConfiguration.runtime, dryRun: false, failFast: false, retry: 0, strict: true, parallel: 0 },
      formats: { ...runConfiguration.formats, stdout: 'summary', files: {} },
    };
    const support = await loadSupport(configuration, { stdout: silent(), stderr: silent() });
    return new ScenarioRunner(location, configuration, support, slowMs);
  }

  /** The scenario once, with `faults` placed by the explorer's hooks (steps/explore.steps.ts). */
  async run(faults: readonly FaultSpec[]): Promise<ScenarioRun> {
    const bridge = scenarioBridge();
    bridge.journals = undefined;
    bridge.placementErrors = [];
    const previous = { faults: process.env[scenarioFaultsVariable], slow: process.env[scenarioSlowVariable] };
    process.env[scenarioFaultsVariable] = faults.length === 0 ? 'none' : faults.map(faultSpecId).join(',');
    process.env[scenarioSlowVariable] = String(this.slowMs);
    const envelopes: Envelope[] = [];
    const started = performance.now();
    try {
      // The test-run hooks that start things run every time (they are idempotent); the ones that end the run wait for close().
      const support = { ...this.support, afterTestRunHookDefinitions: [] };
      await runCucumber({ ...this.configuration, support }, { stdout: silent(), stderr: silent() }, (envelope) => envelopes.push(envelope));
    } finally {
      restore(scenarioFaultsVariable, previous.faults);
      restore(scenarioSlowVariable, previous.slow);
    }
    this.runs += 1;
    const verdict = verdictOf(envelopes, this.location, faultSetId(faults));
    if (!bridge.stack || !bridge.journals) {
      throw new FaultlineError('FL_BAD_INPUT', `${this.location} ran without the explorer's hooks (${verdict.outcome}: ${verdict.detail}); run it from a project whose cucumber configuration imports steps/explore.steps.ts`);
    }
    const placement = bridge.placementErrors.length === 0 ? verdict : { passed: false, outcome: 'faults not placed', detail: bridge.placementErrors.join('; ') };
    return { verdict: placement, journals: bridge.journals, stack: bridge.stack, durationMs: performance.now() - started };
  }

  /** Ends the cucumber run: the test-run hooks held back (the shared stack is disposed). */
  async close(): Promise<void> {
    if (this.runs === 0) return;
    const support = { ...this.support, beforeTestRunHookDefinitions: [] };
    await runCucumber({ ...this.configuration, sources: { ...this.configuration.sources, tagExpression: '@faultline-explorer-closes-the-run and not @faultline-explorer-closes-the-run' }, support }, { stdout: silent(), stderr: silent() });
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** The first step (or hook) that did not pass, from cucumber's messages; exactly one scenario must have run. */
export function verdictOf(envelopes: readonly Envelope[], location: string, faults: string): ScenarioVerdict {
  // Every parsed scenario has a pickle message; only those the location selects become test cases.
  const selected = new Set(envelopes.flatMap((envelope) => (envelope.testCase ? [envelope.testCase.pickleId] : [])));
  const pickles = envelopes.flatMap((envelope) => (envelope.pickle && selected.has(envelope.pickle.id) ? [envelope.pickle] : []));
  if (pickles.length !== 1) {
    throw new FaultlineError('FL_BAD_INPUT', `faultline explore runs one scenario, and ${location} names ${pickles.length}; give its line, for example features/tip-jar.feature:12`);
  }
  const pickle = pickles[0]!;
  const testSteps = new Map(envelopes.flatMap((envelope) => envelope.testCase?.testSteps ?? []).map((step) => [step.id, step]));
  for (const envelope of envelopes) {
    const finished = envelope.testStepFinished;
    if (!finished || finished.testStepResult.status === 'PASSED' || finished.testStepResult.status === 'SKIPPED') continue;
    const pickleStep = pickle.steps.find((step) => step.id === testSteps.get(finished.testStepId)?.pickleStepId);
    const where = pickleStep ? `${keywordOf[pickleStep.type ?? ''] ?? 'step'} "${pickleStep.text}"` : 'a hook';
    const message = (finished.testStepResult.message ?? finished.testStepResult.status).split('\n')[0] ?? '';
    return { passed: false, outcome: `${finished.testStepResult.status.toLowerCase()} at ${where}`, detail: `under ${faults || 'no fault'}: ${message}` };
  }
  return { passed: true, outcome: 'passed', detail: 'every step passed' };
}
