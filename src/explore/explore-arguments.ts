// `faultline explore`'s words, read without side effects.
import { FaultlineError } from '../errors.js';
import { parseDuration } from '../units/duration.js';
import { parseFaultSpecs, type FaultSpec } from './fault-spec.js';
import { parseOracleNames, type OracleName } from './oracles.js';

export interface ExploreArguments {
  /** The configuration (default: faultline.config.ts / FAULTLINE_CONFIG). */
  readonly config?: string;
  /** A scenario as the workload ("features/x.feature:12"), judged by its own steps; the configuration is then FAULTLINE_CONFIG's. */
  readonly scenario?: string;
  readonly requests: number;
  readonly budgetRuns: number;
  readonly budgetMs: number;
  readonly statuses: readonly number[];
  readonly deadlineMs: number;
  readonly slowMs: number;
  /** Absent: every oracle that applies to the configuration's stack. */
  readonly oracles?: readonly OracleName[];
  readonly seed: number;
  readonly pairs: boolean;
  /** false (--keep-going): explore the whole budget instead of stopping at the first counterexample. */
  readonly stopAtFirstFailure: boolean;
  /** Replay: this fault set once instead of an exploration. */
  readonly faults?: readonly FaultSpec[];
  /** Where the exploration's JSON is written. */
  readonly out?: string;
}

const valued = ['requests', 'budget-runs', 'budget-seconds', 'statuses', 'deadline', 'slow', 'oracles', 'seed', 'faults', 'out'] as const;
type Valued = (typeof valued)[number];

export const exploreDefaults = { requests: 3, budgetRuns: 60, budgetMs: 90_000, statuses: [200, 201, 202, 204, 502, 503, 504], deadlineMs: 2_000, slowMs: 1_500 } as const;

export function parseExploreArguments(rest: readonly string[], randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 31)): ExploreArguments {
  const values: Partial<Record<Valued, string>> = {};
  const positional: string[] = [];
  let pairs = true;
  let stopAtFirstFailure = true;
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (arg === '--singles-only' || arg === '--keep-going') {
      if (arg === '--singles-only') pairs = false;
      else stopAtFirstFailure = false;
      continue;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(valued as readonly string[]).includes(flag)) {
      throw new FaultlineError('FL_BAD_INPUT', `faultline explore has no option --${flag}; its options are ${valued.map((o) => `--${o}`).join(', ')}, --singles-only, --keep-going`);
    }
    const value = inline ?? rest[index + 1];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new FaultlineError('FL_BAD_INPUT', `faultline explore --${flag} needs a value, for example --${flag} ${examples[flag as Valued]}`);
    }
    if (inline === undefined) index += 1;
    values[flag as Valued] = value;
  }
  if (positional.length > 1) throw new FaultlineError('FL_BAD_INPUT', `faultline explore takes one configuration or one scenario (features/x.feature:12), got ${positional.map((p) => `"${p}"`).join(' and ')}`);
  const scenario = positional[0] !== undefined && isScenarioLocation(positional[0]) ? positional[0] : undefined;
  const count = (flag: Valued, fallback: number, min: number): number => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new FaultlineError('FL_BAD_FAULT_SET', `faultline explore --${flag} must be a whole number >= ${min}, got "${raw}"`);
    return Number(raw);
  };
  const statuses = values.statuses === undefined ? exploreDefaults.statuses : values.statuses.split(',').map((status) => {
    if (!/^[1-5]\d\d$/.test(status.trim())) throw new FaultlineError('FL_BAD_FAULT_SET', `faultline explore --statuses takes HTTP statuses separated by commas, for example 201,502,503,504; "${status}" is not one`);
    return Number(status);
  });
  return {
    ...(positional[0] === undefined ? {} : scenario === undefined ? { config: positional[0] } : { scenario }),
    requests: count('requests', exploreDefaults.requests, 1),
    budgetRuns: count('budget-runs', exploreDefaults.budgetRuns, 1),
    budgetMs: count('budget-seconds', exploreDefaults.budgetMs / 1000, 1) * 1000,
    statuses,
    deadlineMs: values.deadline === undefined ? exploreDefaults.deadlineMs : parseDuration(values.deadline),
    slowMs: values.slow === undefined ? exploreDefaults.slowMs : parseDuration(values.slow),
    ...(values.oracles === undefined ? {} : { oracles: parseOracleNames(values.oracles) }),
    seed: count('seed', randomSeed(), 0),
    pairs,
    stopAtFirstFailure,
    ...(values.faults === undefined ? {} : { faults: parseFaultSpecs(values.faults) }),
    ...(values.out === undefined ? {} : { out: values.out }),
  };
}

/** "features/x.feature:12" (or a file with one scenario): a scenario to explore instead of a configuration. */
export function isScenarioLocation(text: string): boolean {
  return /\.feature(:\d+)?$/.test(text);
}

const examples: Record<Valued, string> = {
  requests: '3',
  'budget-runs': '60',
  'budget-seconds': '90',
  statuses: '201,502,503,504',
  deadline: '2s',
  slow: '1500ms',
  oracles: 'documented-statuses,one-side-effect',
  seed: '42',
  faults: "'http:500@payment-gateway:POST:/charges#1'",
  out: 'reports/explore.json',
};
