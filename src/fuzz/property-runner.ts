// Runs a fast-check property against the live stack and keeps what a person needs to replay a
// failure: the seed, the shrink path, the smallest counterexample and the exact command.
import fc from 'fast-check';
import type { FuzzRunEvidence } from '../report/evidence.js';

export interface FuzzOptions {
  readonly name: string;
  readonly numRuns: number;
  /** The scenario, for the replay command. */
  readonly scenario: string;
}

export interface FuzzOutcome {
  readonly evidence: FuzzRunEvidence;
  readonly failed: boolean;
  readonly message: string;
  readonly runsPerSecond: number;
}

/** FAULTLINE_FUZZ_SEED forces a seed (and FAULTLINE_FUZZ_PATH a shrink path); otherwise a new seed each run. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env.FAULTLINE_FUZZ_SEED;
  if (forced !== undefined && forced !== '') {
    const seed = Number(forced);
    if (!Number.isInteger(seed)) throw new Error(`FAULTLINE_FUZZ_SEED must be an integer, got "${forced}"`);
    return seed;
  }
  return (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) | 0;
}

export function replayCommand(seed: number, path: string | undefined, scenario: string, env: NodeJS.ProcessEnv = process.env): string {
  const pathPart = path ? ` FAULTLINE_FUZZ_PATH='${path}'` : '';
  const mutantPart = env.FAULTLINE_MUTANT ? `FAULTLINE_MUTANT=${env.FAULTLINE_MUTANT} ` : '';
  return `${mutantPart}FAULTLINE_FUZZ_SEED=${seed}${pathPart} npm run features -- --name '${scenario.replace(/'/g, "'\\''")}'`;
}

/**
 * The label of a property's throughput in the report. No colon follows the property's name: the
 * report's redactor reads "name: value" as an assignment, and "idempotency key: runs" would lose "runs".
 */
export function runsPerSecondLabel(property: string): string {
  return `${property} (runs per second)`;
}

export async function runProperty<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<string[]>, options: FuzzOptions): Promise<FuzzOutcome> {
  const seed = fuzzSeed();
  const path = process.env.FAULTLINE_FUZZ_PATH || undefined;
  const started = performance.now();
  const property = fc.asyncProperty(arbitrary, async (value) => {
    const problems = await check(value);
    if (problems.length > 0) throw new Error(problems.join('; '));
  });
  const details = await fc.check(property, { numRuns: options.numRuns, seed, ...(path ? { path } : {}), endOnFailure: false });
  const seconds = (performance.now() - started) / 1000;
  const runsPerSecond = Number((details.numRuns / seconds).toFixed(1));
  const failed = details.failed;
  const counterexample = failed ? fc.stringify(details.counterexample?.[0]) : undefined;
  const command = replayCommand(seed, details.counterexamplePath ?? undefined, options.scenario);
  const evidence: FuzzRunEvidence = {
    property: options.name,
    runs: details.numRuns,
    seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    ...(counterexample === undefined ? {} : { counterexample }),
    replayCommand: command,
    ok: !failed,
  };
  const message = failed
    ? `property "${options.name}" failed after ${details.numRuns} runs (${details.numShrinks} shrinks)\n` +
      `  smallest counterexample: ${counterexample}\n  error: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}\n` +
      `  seed ${seed}, path ${details.counterexamplePath}\n  replay: ${command}`
    : `property "${options.name}" held for ${details.numRuns} runs (seed ${seed}, ${runsPerSecond} runs/s)`;
  return { evidence, failed, message, runsPerSecond };
}
