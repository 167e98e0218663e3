// One fixed form for every failure the explorer finds, like fast-check's RunDetails: the
// invariant broken, the minimal fault set, the seed, the shrinks and the command that replays it.
import { exploreDefaults } from './explore-arguments.js';
import { faultSpecId, type FaultSpec } from './fault-spec.js';
import type { OracleName } from './oracles.js';

export interface Counterexample {
  readonly oracle: OracleName;
  /** What the oracle saw in the minimal run. */
  readonly detail: string;
  /** The minimal fault set (ids as --faults takes them). */
  readonly faults: readonly string[];
  /** The fault set of the run that found it. */
  readonly foundWith: readonly string[];
  readonly shrinks: number;
  readonly seed: number;
  /** The caller's outcome per workload request in the minimal run (a scenario: its verdict). */
  readonly outcomes: readonly string[];
  /** The workload was this scenario (explore <feature>:<line>). */
  readonly scenario?: string;
  readonly replay: string;
}

export interface ReplayInput {
  readonly config: string;
  readonly requests: number;
  readonly faults: readonly FaultSpec[];
  readonly seed: number;
  readonly mutant?: string;
  /** The workload was this scenario (explore <feature>:<line>); the configuration goes in FAULTLINE_CONFIG. */
  readonly scenario?: string;
  /** How the run was judged and faulted, written into the command where it differs from the defaults. */
  readonly oracles?: readonly OracleName[];
  readonly statuses?: readonly number[];
  readonly deadlineMs?: number;
  readonly slowMs?: number;
}

/** --oracles, --statuses, --deadline and --slow where the exploration's differ from the defaults: a replay judges the same way. */
function judgingOptions(input: ReplayInput): string {
  const options: string[] = [];
  if (input.oracles !== undefined) options.push(`--oracles ${input.oracles.join(',')}`);
  if (input.statuses !== undefined && input.statuses.join(',') !== exploreDefaults.statuses.join(',')) options.push(`--statuses ${input.statuses.join(',')}`);
  if (input.deadlineMs !== undefined && input.deadlineMs !== exploreDefaults.deadlineMs) options.push(`--deadline ${input.deadlineMs}ms`);
  if (input.slowMs !== undefined && input.slowMs !== exploreDefaults.slowMs) options.push(`--slow ${input.slowMs}ms`);
  return options.map((option) => ` ${option}`).join('');
}

/** The exact command that runs the workload once under these faults and judges it. */
export function replayCommand(input: ReplayInput): string {
  const faults = input.faults.length === 0 ? 'none' : input.faults.map(faultSpecId).join(',');
  if (input.scenario !== undefined) {
    const config = input.config === 'faultline.config.ts' ? '' : `FAULTLINE_CONFIG=${input.config} `;
    return `${config}${input.mutant ? `FAULTLINE_MUTANT=${input.mutant} ` : ''}npx faultline explore ${input.scenario}${judgingOptions(input)} --seed ${input.seed} --faults '${faults}'`;
  }
  return `${input.mutant ? `FAULTLINE_MUTANT=${input.mutant} ` : ''}npx faultline explore ${input.config} --requests ${input.requests}${judgingOptions(input)} --seed ${input.seed} --faults '${faults}'`;
}

export function formatCounterexample(counterexample: Counterexample): string {
  return [
    `Counterexample: ${counterexample.oracle} broken`,
    `  fault set (minimal): ${counterexample.faults.join(', ') || 'none (the fault-free run breaks it)'}`,
    `  found with: ${counterexample.foundWith.join(', ') || 'none'} (${counterexample.shrinks} shrink${counterexample.shrinks === 1 ? '' : 's'})`,
    `  seed: ${counterexample.seed}`,
    counterexample.scenario === undefined
      ? `  outcomes: ${counterexample.outcomes.map((outcome, step) => `request ${step + 1} -> ${outcome}`).join('; ')}`
      : `  outcomes: ${counterexample.scenario} ${counterexample.outcomes.join('; ')}`,
    `  got: ${counterexample.detail}`,
    `  replay: ${counterexample.replay}`,
  ].join('\n');
}

/** Two counterexamples are the same finding when they break the same oracle with the same minimal set. */
export function counterexampleIdentity(counterexample: Pick<Counterexample, 'oracle' | 'faults'>): string {
  return `${counterexample.oracle} ${[...counterexample.faults].sort().join(',')}`;
}
