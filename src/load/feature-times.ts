// Where a feature run's time went, read from cucumber's message stream (messages.ndjson): each
// feature file's scenarios (testCaseStarted -> testCaseFinished, summed per pickle URI), the part of
// that spent in Before/After hooks (stack starts happen there: the shared stack with the first
// scenario, a feature stack with the first scenario that needs it), and the run's BeforeAll/AfterAll.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnvelope, TimeConversion, type Envelope } from '@cucumber/messages';

export interface FeatureTime {
  readonly uri: string;
  readonly scenarios: number;
  /** Sum of testCaseStarted -> testCaseFinished over the feature's test cases (retries included). */
  readonly ms: number;
  /** The part of `ms` spent in Before/After hook steps (set-up, stack starts, teardown). */
  readonly hooksMs: number;
}

export interface FeatureRunTimes {
  /** testRunStarted -> testRunFinished; undefined when the run never finished (killed). */
  readonly wallMs: number | undefined;
  /** BeforeAll and AfterAll hooks. */
  readonly runHooksMs: number;
  /** Slowest first. */
  readonly features: readonly FeatureTime[];
}

export function featureTimes(envelopes: Iterable<Envelope>): FeatureRunTimes {
  const pickleUri = new Map<string, string>();
  const testCasePickle = new Map<string, string>();
  const hookStepIds = new Set<string>();
  const startedCase = new Map<string, { testCaseId: string; at: number }>();
  const runHookStarted = new Map<string, number>();
  const byUri = new Map<string, { scenarios: Set<string>; ms: number; hooksMs: number }>();
  let runStarted: number | undefined;
  let runFinished: number | undefined;
  let runHooksMs = 0;
  const ms = TimeConversion.timestampToMillisecondsSinceEpoch;
  const entry = (testCaseId: string) => {
    const uri = pickleUri.get(testCasePickle.get(testCaseId) ?? '') ?? '(unknown feature)';
    let found = byUri.get(uri);
    if (!found) byUri.set(uri, (found = { scenarios: new Set(), ms: 0, hooksMs: 0 }));
    return found;
  };
  for (const envelope of envelopes) {
    if (envelope.pickle) pickleUri.set(envelope.pickle.id, envelope.pickle.uri);
    else if (envelope.testCase) {
      testCasePickle.set(envelope.testCase.id, envelope.testCase.pickleId);
      for (const step of envelope.testCase.testSteps) if (step.hookId !== undefined) hookStepIds.add(step.id);
    } else if (envelope.testRunStarted) runStarted = ms(envelope.testRunStarted.timestamp);
    else if (envelope.testRunFinished) runFinished = ms(envelope.testRunFinished.timestamp);
    else if (envelope.testCaseStarted) {
      startedCase.set(envelope.testCaseStarted.id, { testCaseId: envelope.testCaseStarted.testCaseId, at: ms(envelope.testCaseStarted.timestamp) });
    } else if (envelope.testCaseFinished) {
      const started = startedCase.get(envelope.testCaseFinished.testCaseStartedId);
      if (started) {
        const feature = entry(started.testCaseId);
        feature.scenarios.add(testCasePickle.get(started.testCaseId) ?? started.testCaseId);
        feature.ms += ms(envelope.testCaseFinished.timestamp) - started.at;
      }
    } else if (envelope.testStepFinished && hookStepIds.has(envelope.testStepFinished.testStepId)) {
      const started = startedCase.get(envelope.testStepFinished.testCaseStartedId);
      if (started) entry(started.testCaseId).hooksMs += TimeConversion.durationToMilliseconds(envelope.testStepFinished.testStepResult.duration);
    } else if (envelope.testRunHookStarted) runHookStarted.set(envelope.testRunHookStarted.id, ms(envelope.testRunHookStarted.timestamp));
    else if (envelope.testRunHookFinished) {
      const started = runHookStarted.get(envelope.testRunHookFinished.testRunHookStartedId);
      if (started !== undefined) runHooksMs += ms(envelope.testRunHookFinished.timestamp) - started;
    }
  }
  return {
    wallMs: runStarted !== undefined && runFinished !== undefined ? runFinished - runStarted : undefined,
    runHooksMs,
    features: [...byUri.entries()]
      .map(([uri, feature]) => ({ uri, scenarios: feature.scenarios.size, ms: Math.round(feature.ms), hooksMs: Math.round(feature.hooksMs) }))
      .sort((a, b) => b.ms - a.ms),
  };
}

/** The times of the run whose messages are at `path`; undefined without the file. */
export function featureTimesFromFile(path: string): FeatureRunTimes | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '');
  // A run killed mid-write leaves a partial last line: the lines before it still count.
  const envelopes = lines.flatMap((line) => {
    try {
      return [parseEnvelope(line)];
    } catch {
      return [];
    }
  });
  return featureTimes(envelopes);
}
