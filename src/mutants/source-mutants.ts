// Source-level mutation of the reference service's resilience modules (DESIGN.md §7): StrykerJS's
// instrumenter puts every mutant of a module into one build (mutation schemata), the service
// activates one per start from `__STRYKER_ACTIVE_MUTANT__`, and the scenarios that cover the module
// must kill it in a Then step. This file holds what needs no container: which scenarios cover which
// module, which mutants are left out, the verdicts, the score and the survivors' diffs.
import { equivalenceOf } from './equivalent-mutants.js';

/** The order service's resilience modules and the scenarios that exercise each (tag expressions). */
export const moduleTags: Readonly<Record<string, string>> = {
  'payment-circuit-breaker.ts': '@breaker',
  'retry-backoff.ts': '@retries or @deadline',
  // The deadline decides the backoff's last wait and a Retry-After past it (retries.feature) as well as the timeouts.
  'deadline.ts': '@timeouts or @retries',
  'resilient-payments.ts': '@retries or @timeouts or @bulkhead or @breaker',
  'rate-limit.ts': '@rate-limit',
  'readiness.ts': '@health',
  'graceful-shutdown.ts': '@health',
  'health-routes.ts': '@health',
  // The store wrapper passes every call through: migrations, reads by id, cancellations and closing at shutdown too.
  'stored-key-index.ts': '@breaker or @idempotency or @health-migrations or @shutdown or @cache-stale',
};

/**
 * Modules whose code decides the service's readiness. Their mutants cannot be judged by a stack that
 * waits for /health/ready before the first step: a mutant that never answers ready would fail that
 * start, outside any Then (an error, not a kill). For these the service counts as started once it
 * logs that its schema is migrated (migration-runner.ts, outside the module), and the health
 * scenarios' Then steps judge what readiness answers.
 */
export const readinessSubjects: Readonly<Record<string, { readonly log: string }>> = {
  'readiness.ts': { log: 'database schema ready' },
  'health-routes.ts': { log: 'database schema ready' },
};

/** The variable the instrumented code reads its active mutant from (Stryker's own name). */
export const activeMutantVariable = '__STRYKER_ACTIVE_MUTANT__';

/** What the instrumenter says about one mutant (a subset of @stryker-mutator/api's Mutant). */
export interface SourceMutant {
  readonly id: string;
  readonly fileName: string;
  readonly mutatorName: string;
  readonly replacement: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
  /** 'Ignored' for a mutant a `// Stryker disable` comment in the source turns off, with that comment's reason. */
  readonly status?: string;
  readonly statusReason?: string;
}

export type SourceMutantStatus = 'killed' | 'survived' | 'timeout' | 'no-coverage' | 'error' | 'ignored';

/** A mutant no Then killed: survived, not covered, or failed only outside a Then. */
export function isSurvivor(result: { readonly status: SourceMutantStatus }): result is { readonly status: 'survived' | 'no-coverage' | 'error' } {
  return result.status === 'survived' || result.status === 'no-coverage' || result.status === 'error';
}

export interface SourceMutantResult {
  readonly id: string;
  readonly mutatorName: string;
  readonly status: SourceMutantStatus;
  /** The lines as written and as mutated. */
  readonly diff: string;
  readonly durationMs: number;
  /** The killing Then, the failing step of an error, or why it was ignored. */
  readonly detail?: string;
}

/** The text `location` covers in `source` (lines and columns 0-based, as Stryker's API counts them). */
export function originalText(source: string, location: SourceMutant['location']): string {
  const lines = source.split('\n');
  if (location.start.line === location.end.line) return (lines[location.start.line] ?? '').slice(location.start.column, location.end.column);
  return [
    (lines[location.start.line] ?? '').slice(location.start.column),
    ...lines.slice(location.start.line + 1, location.end.line),
    (lines[location.end.line] ?? '').slice(0, location.end.column),
  ].join('\n');
}

/** A unified-diff-like view of the mutated lines: `- line` as written, `+ line` with the replacement. */
export function mutantDiff(source: string, mutant: SourceMutant): string {
  const lines = source.split('\n');
  const { start, end } = mutant.location;
  const before = lines.slice(start.line, end.line + 1);
  const first = before[0] ?? '';
  const last = before.at(-1) ?? '';
  const after = `${first.slice(0, start.column)}${mutant.replacement}${last.slice(end.column)}`;
  return [...before.map((line) => `- ${line}`), ...after.split('\n').map((line) => `+ ${line}`)].join('\n');
}

// The planted defects' switches, as each module names them: PLANTED_DEFECT itself, the flag main.ts
// derives for the shutdown, the local `defect` of resilient-payments.ts, the rate limiter's `shared`.
const defectName = /plantedDefect|PlantedDefect|ClientErrorAsSuccess|isClientError|readyThroughGrace|\bdefect === '|this\.shared\b/;

/**
 * The lines (0-based, inclusive) of the planted defects' code (PLANTED_DEFECT), which no scenario runs
 * unless a catalog mutant turns it on: a line naming a defect, and the whole block of an `if` or a
 * class that opens on such a line (up to its closing brace).
 */
export function plantedDefectRegions(source: string): Array<readonly [number, number]> {
  const lines = source.split('\n');
  const regions: Array<readonly [number, number]> = [];
  lines.forEach((line, index) => {
    if (!defectName.test(line)) return;
    if (!/^\s*(if \(|class )/.test(line) || !line.trimEnd().endsWith('{')) {
      regions.push([index, index]);
      return;
    }
    let depth = 0;
    for (let end = index; end < lines.length; end += 1) {
      for (const char of lines[end]!) depth += char === '{' ? 1 : char === '}' ? -1 : 0;
      if (depth <= 0) {
        regions.push([index, end]);
        return;
      }
    }
  });
  return regions;
}

/**
 * Mutants left out of the score: those inside the planted defects' code, and in log messages, which no
 * contract covers. Returns why, or undefined for a mutant that counts. A mutant that spans more (the
 * block of a whole method that holds a defect) counts.
 */
export function ignoredBecause(source: string, mutant: SourceMutant, module = ''): string | undefined {
  // An equivalent mutant is explained in equivalent-mutants.ts, or in the service's source with
  // `// Stryker disable next-line <mutator>: <why>` (which turns off every mutant of that mutator on the line).
  if (mutant.status === 'Ignored') return `equivalent: ${mutant.statusReason ?? 'no reason given'}`;
  const line = source.split('\n')[mutant.location.start.line] ?? '';
  const explained = equivalenceOf(module, mutant.mutatorName, originalText(source, mutant.location), mutant.replacement, line);
  if (explained !== undefined) return explained;
  const { start, end } = mutant.location;
  if (plantedDefectRegions(source).some(([first, last]) => start.line >= first && end.line <= last)) return 'planted-defect code';
  const lines = source.split('\n').slice(start.line, end.line + 1).join('\n');
  if ((mutant.mutatorName === 'StringLiteral' || mutant.mutatorName === 'ObjectLiteral') && /logger\.(info|warn|error|debug)\(/.test(lines)) return 'log message';
  return undefined;
}

export interface MutationScore {
  readonly killed: number;
  readonly survived: number;
  readonly timeout: number;
  readonly noCoverage: number;
  readonly errors: number;
  readonly ignored: number;
  /**
   * (killed + timeout) / (killed + timeout + survived + no coverage + errors), in percent: Stryker's
   * formula, with a mutant that failed only outside a Then (a Given, a When, a hook: a crash of the
   * stack, a warm-up side effect) counted as the survivor it is, since no check saw the behaviour.
   */
  readonly score: number | undefined;
}

export function mutationScore(results: readonly SourceMutantResult[]): MutationScore {
  const count = (status: SourceMutantStatus) => results.filter((result) => result.status === status).length;
  const killed = count('killed');
  const timeout = count('timeout');
  const survived = count('survived');
  const noCoverage = count('no-coverage');
  const errors = count('error');
  const valid = killed + timeout + survived + noCoverage + errors;
  return { killed, survived, timeout, noCoverage, errors, ignored: count('ignored'), score: valid === 0 ? undefined : Math.round((10_000 * (killed + timeout)) / valid) / 100 };
}

/** The verdict of one mutant's cucumber run (from mutantRunVerdict): killed only in a Then, as for the catalog. */
export function sourceMutantStatus(verdict: { readonly killedBy: readonly string[]; readonly brokenScenarios: readonly string[]; readonly scenarios: number }, timedOut: boolean): SourceMutantStatus {
  if (timedOut) return 'timeout';
  if (verdict.killedBy.length > 0) return 'killed';
  if (verdict.brokenScenarios.length > 0) return 'error';
  return verdict.scenarios === 0 ? 'no-coverage' : 'survived';
}

/** summary.md of one module's run. */
export function mutationScoreMarkdown(module: string, tags: string, results: readonly SourceMutantResult[], totalMs: number): string {
  const score = mutationScore(results);
  const ran = results.filter((result) => result.status !== 'ignored' && result.status !== 'no-coverage');
  const perMutant = ran.length === 0 ? 0 : ran.reduce((sum, result) => sum + result.durationMs, 0) / ran.length;
  const survivors = results.filter(isSurvivor);
  const equivalents = results.filter((result) => result.status === 'ignored' && result.detail?.startsWith('equivalent: '));
  const invalid = results.filter((result) => result.status === 'ignored' && result.detail?.startsWith('invalid: '));
  return [
    `## Mutation score of ${module}: ${score.score === undefined ? 'n/a' : `${score.score} %`}`,
    '',
    `Scenarios ${tags}. Killed ${score.killed}, survived ${score.survived}, timeout ${score.timeout}, no coverage ${score.noCoverage}, errors ${score.errors} (failed only outside a Then: scored as survived), ignored ${score.ignored} (equivalent, cannot run, planted-defect code, log messages). ${(totalMs / 1000).toFixed(0)} s in all, ${(perMutant / 1000).toFixed(1)} s per mutant run.`,
    '',
    ...(survivors.length === 0 ? ['No survivors.'] : ['### Survivors', '', ...survivors.flatMap((result) => [`- #${result.id} ${result.mutatorName} (${result.status}${result.status === 'error' ? `, only outside a Then: ${result.detail ?? 'no step named'}` : ''})`, '', '```diff', result.diff, '```', ''])]),
    ...(equivalents.length === 0 ? [] : ['', '### Explained as equivalent (a `// Stryker disable` comment in the source says why; not scored)', '', ...equivalents.flatMap((result) => [`- #${result.id} ${result.mutatorName}: ${result.detail!.replace(/^equivalent: /, '')}`, '', '```diff', result.diff, '```', ''])]),
    ...(invalid.length === 0 ? [] : ['', '### Cannot run (the service does not start with them, or hangs; not scored, as StrykerJS leaves out runtime errors)', '', ...invalid.flatMap((result) => [`- #${result.id} ${result.mutatorName}: ${result.detail!.replace(/^invalid: /, '')}`, '', '```diff', result.diff, '```', ''])]),
    '',
  ].join('\n');
}

/** The overall summary.md: the score over every measured module, one line per module, and the modules not measured yet. */
export function overallMarkdown(modules: ReadonlyArray<{ readonly module: string; readonly measured?: { readonly writtenAt: string; readonly commit?: string; readonly tags: string; readonly totalMs: number; readonly results: readonly SourceMutantResult[] } }>): string {
  const measured = modules.flatMap(({ module, measured }) => (measured ? [{ module, ...measured }] : []));
  const total = mutationScore(measured.flatMap((entry) => entry.results));
  const percent = (score: number | undefined) => (score === undefined ? 'n/a' : `${score} %`);
  const perMutant = (results: readonly SourceMutantResult[]) => {
    const ran = results.filter((result) => result.status !== 'ignored' && result.status !== 'no-coverage');
    return ran.length === 0 ? '-' : `${(ran.reduce((sum, result) => sum + result.durationMs, 0) / ran.length / 1000).toFixed(1)} s`;
  };
  const equivalents = (results: readonly SourceMutantResult[]) => results.filter((result) => result.status === 'ignored' && result.detail?.startsWith('equivalent: ')).length;
  const notMeasured = modules.filter(({ measured }) => !measured).map(({ module }) => module);
  return [
    `## Source-level mutation score of the order service's resilience modules: ${percent(total.score)}`,
    '',
    `(killed + timeout) / (killed + timeout + survived + no coverage + errors) over ${measured.length} of ${modules.length} modules: killed ${total.killed}, timeout ${total.timeout}, survived ${total.survived}, no coverage ${total.noCoverage}; errors ${total.errors} (failed only outside a Then: scored as survived); ignored ${total.ignored} (explained as equivalent or unable to run, planted-defect code, log messages).`,
    '',
    '| module | scenarios | score | killed | survived | timeout | no coverage | errors | equivalent | ignored | per mutant | measured |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...measured.map((entry) => {
      const score = mutationScore(entry.results);
      return `| ${entry.module} | ${entry.tags} | ${percent(score.score)} | ${score.killed} | ${score.survived} | ${score.timeout} | ${score.noCoverage} | ${score.errors} | ${equivalents(entry.results)} | ${score.ignored} | ${perMutant(entry.results)} | ${entry.writtenAt.slice(0, 16).replace('T', ' ')}${entry.commit ? ` (${entry.commit})` : ''} |`;
    }),
    '',
    ...(notMeasured.length === 0 ? [] : [`Not measured yet: ${notMeasured.join(', ')} (\`npm run test:mutation-score -- <module.ts>\`).`, '']),
    'Each module\'s survivors, with their diffs, and the mutants explained as equivalent, with the reasons, are in its own summary.md beside this file.',
    '',
  ].join('\n');
}
