// The fixed subset of source mutants that `npm test` runs (`npm run test:mutation-subset`): one per
// resilience module, each a defect a person could write, each with the scenarios that must kill it
// in a Then. The whole score (`npm run test:mutation-score`) takes about an hour; this subset shows
// on every run that the suite still catches a broken policy in each module, within its budget.
// The mutants are named as equivalent-mutants.ts names them (their ids move with every edit).
import { matchesSelector, type MutantSelector } from './equivalent-mutants.js';
import { originalText, type SourceMutant } from './source-mutants.js';

export interface SubsetMutant extends MutantSelector {
  /** The scenarios that must kill it (a tag expression, narrower than the module's). */
  readonly tags: string;
  /** The defect in a user's words. */
  readonly breaks: string;
}

/** What the subset's run may take, stated (measured, reported, not asserted: a timed test would flake). */
export const subsetBudgetMs = 120_000;

export const subsetMutants: readonly SubsetMutant[] = [
  {
    module: 'payment-circuit-breaker.ts',
    mutator: 'ConditionalExpression',
    written: "name === 'open'",
    mutated: 'false',
    tags: '@breaker',
    breaks: 'the breaker never notes when it opened, so its Retry-After is not the open time left',
  },
  {
    module: 'retry-backoff.ts',
    mutator: 'EqualityOperator',
    written: "options.jitter === 'full'",
    mutated: "options.jitter !== 'full'",
    tags: '@retries and not @retry-no-jitter',
    breaks: 'full jitter turned off: every client retries at the same instant',
  },
  {
    module: 'deadline.ts',
    mutator: 'EqualityOperator',
    written: 'this.remainingMs() <= 0',
    mutated: 'this.remainingMs() > 0',
    tags: '@retries and not @retry-no-jitter',
    breaks: 'the deadline counts as passed while time is left',
  },
  {
    module: 'resilient-payments.ts',
    mutator: 'ArithmeticOperator',
    written: 'this.#config.retry.maxAttempts - 1',
    mutated: 'this.#config.retry.maxAttempts + 1',
    tags: '@breaker and not @retry-after and not @breaker-4xx and not @breaker-key-index',
    breaks: 'two more attempts than RETRY_MAX_ATTEMPTS allows',
  },
  {
    module: 'rate-limit.ts',
    mutator: 'EqualityOperator',
    written: 'bucket.tokens >= 1',
    mutated: 'bucket.tokens < 1',
    on: 'const allowed',
    tags: '@rate-limit and not @rate-limit-isolation and not @rate-limit-memory',
    breaks: 'the bucket lets a caller through only when it is empty',
  },
  {
    module: 'readiness.ts',
    mutator: 'BooleanLiteral',
    written: 'true',
    on: 'this.#draining = true',
    tags: '@shutdown',
    breaks: 'the grace period never ends: requests arriving after it are not shed',
  },
  {
    module: 'graceful-shutdown.ts',
    mutator: 'CallExpression',
    written: 'readiness.beginDraining();',
    tags: '@shutdown',
    breaks: 'the shutdown skips draining',
  },
  {
    module: 'health-routes.ts',
    mutator: 'ConditionalExpression',
    written: 'deps.database !== undefined',
    mutated: 'false',
    tags: '@health and not @health-warmup and not @health-migrations and not @shutdown',
    breaks: 'readiness stops checking the database',
  },
  {
    module: 'stored-key-index.ts',
    mutator: 'CallExpression',
    written: 'this.#keys.add(key);',
    tags: '@breaker-key-index',
    breaks: 'the key index loads no stored key, so an open breaker refuses replays of stored orders',
  },
];

/** Each subset entry's mutant among a module's, or why it cannot be found (exactly one must match). */
export function findSubsetMutant(entry: SubsetMutant, source: string, mutants: readonly SourceMutant[]): SourceMutant | string {
  const lines = source.split('\n');
  const found = mutants.filter((mutant) => matchesSelector(entry, entry.module, mutant.mutatorName, originalText(source, mutant.location), mutant.replacement, lines[mutant.location.start.line] ?? ''));
  if (found.length === 1) return found[0]!;
  const name = `${entry.mutator} of "${entry.written}"${entry.mutated === undefined ? '' : ` into "${entry.mutated}"`}${entry.on === undefined ? '' : ` on the line with "${entry.on}"`}`;
  return `the subset mutant ${name} in ${entry.module} matches ${found.length === 0 ? 'no mutant' : `${found.length} mutants (ids ${found.map((mutant) => mutant.id).join(', ')})`}: name it again in src/mutants/mutation-subset.ts after the module changed`;
}
