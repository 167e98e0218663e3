// Reads a cucumber message stream (NDJSON) of a mutant run and tells which scenarios killed the
// mutant. A kill counts only when a scenario failed in an outcome step (a Then): a failure while
// arranging or acting (the stack not starting, a control API refusing) says nothing about whether
// the suite detects the broken behaviour.

interface PickleStep { readonly id: string; readonly text: string; readonly type?: string }
interface Pickle { readonly id: string; readonly name: string; readonly uri: string; readonly steps: readonly PickleStep[] }

export interface MutantRunVerdict {
  readonly scenarios: number;
  readonly killedBy: readonly string[];
  /** Scenarios that failed outside an outcome step: infrastructure, not detection. */
  readonly brokenScenarios: readonly string[];
  /** Scenarios whose every step and hook passed. */
  readonly passed: readonly string[];
  readonly runSucceeded: boolean;
}

export function mutantRunVerdict(ndjson: string): MutantRunVerdict {
  const pickles = new Map<string, Pickle>();
  const testCasePickle = new Map<string, string>();
  const testStepPickleStep = new Map<string, string>();
  const attemptCase = new Map<string, string>();
  const failedAt = new Map<string, string | undefined>();
  const statuses = new Map<string, string[]>();
  let runSucceeded = false;
  for (const line of ndjson.split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as Record<string, any>;
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle as Pickle);
    if (envelope.testCase) {
      testCasePickle.set(envelope.testCase.id, envelope.testCase.pickleId);
      for (const step of envelope.testCase.testSteps ?? []) if (step.pickleStepId) testStepPickleStep.set(step.id, step.pickleStepId);
    }
    if (envelope.testCaseStarted) attemptCase.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    if (envelope.testStepFinished) {
      const status: string = envelope.testStepFinished.testStepResult?.status ?? 'UNKNOWN';
      const pickleId = testCasePickle.get(attemptCase.get(envelope.testStepFinished.testCaseStartedId) ?? '');
      if (pickleId) statuses.set(pickleId, [...(statuses.get(pickleId) ?? []), status]);
      if (pickleId && status === 'FAILED' && !failedAt.has(pickleId)) failedAt.set(pickleId, testStepPickleStep.get(envelope.testStepFinished.testStepId));
    }
    if (envelope.testRunFinished) runSucceeded = envelope.testRunFinished.success === true;
  }
  const killedBy: string[] = [];
  const brokenScenarios: string[] = [];
  for (const [pickleId, pickleStepId] of failedAt) {
    const pickle = pickles.get(pickleId);
    if (!pickle) continue;
    const step = pickle.steps.find((candidate) => candidate.id === pickleStepId);
    const label = `${pickle.uri} › ${pickle.name}`;
    if (step?.type === 'Outcome') killedBy.push(`${label} (at "Then ${step.text}")`);
    else brokenScenarios.push(`${label}${step ? ` (at "${step.text}")` : ' (in a hook)'}`);
  }
  const passed = [...pickles.values()]
    .filter((pickle) => (statuses.get(pickle.id) ?? []).length > 0 && statuses.get(pickle.id)!.every((status) => status === 'PASSED'))
    .map((pickle) => `${pickle.uri} › ${pickle.name}`);
  return { scenarios: pickles.size, killedBy, brokenScenarios, passed, runSucceeded };
}
