// Reads a cucumber message stream (NDJSON) of a mutant run and tells which scenarios killed the
// mutant. A kill counts only when a scenario failed in an outcome step (a Then): a failure while
// arranging or acting (the stack not starting, a control API refusing) says nothing about whether
// the suite detects the broken behaviour. A mutant that names the Then expected to kill it
// (`killedAt`) is killed only there: a failure at another Then is a survival by an unrelated step,
// a check that happened to fail while the one written for the behaviour passed or never ran.

interface PickleStep { readonly id: string; readonly text: string; readonly type?: string }
interface Pickle { readonly id: string; readonly name: string; readonly uri: string; readonly steps: readonly PickleStep[] }

export interface MutantRunVerdict {
  readonly scenarios: number;
  readonly killedBy: readonly string[];
  /** Scenarios that failed in a Then step other than the expected one (`killedAt`): not a kill. */
  readonly killedElsewhere: readonly string[];
  /** Scenarios that failed outside an outcome step: infrastructure, not detection. */
  readonly brokenScenarios: readonly string[];
  /** Scenarios whose every step and hook passed. */
  readonly passed: readonly string[];
  readonly runSucceeded: boolean;
}

/** Whether a step's text is the one `killedAt` names (a part of its text, or a pattern); any step without it. */
export function isExpectedKill(stepText: string, killedAt: string | RegExp | undefined): boolean {
  if (killedAt === undefined) return true;
  return typeof killedAt === 'string' ? stepText.includes(killedAt) : killedAt.test(stepText);
}

export function mutantRunVerdict(ndjson: string, killedAt?: string | RegExp): MutantRunVerdict {
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
  const killedElsewhere: string[] = [];
  const brokenScenarios: string[] = [];
  for (const [pickleId, pickleStepId] of failedAt) {
    const pickle = pickles.get(pickleId);
    if (!pickle) continue;
    const step = pickle.steps.find((candidate) => candidate.id === pickleStepId);
    const label = `${pickle.uri} › ${pickle.name}`;
    if (step?.type === 'Outcome') (isExpectedKill(step.text, killedAt) ? killedBy : killedElsewhere).push(`${label} (at "Then ${step.text}")`);
    else brokenScenarios.push(`${label}${step ? ` (at "${step.text}")` : ' (in a hook)'}`);
  }
  const passed = [...pickles.values()]
    .filter((pickle) => (statuses.get(pickle.id) ?? []).length > 0 && statuses.get(pickle.id)!.every((status) => status === 'PASSED'))
    .map((pickle) => `${pickle.uri} › ${pickle.name}`);
  return { scenarios: pickles.size, killedBy, killedElsewhere, brokenScenarios, passed, runSucceeded };
}
