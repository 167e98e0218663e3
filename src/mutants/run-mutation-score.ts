// `npm run test:mutation-score [module ...]`: the source-level mutation score of the order service's
// resilience modules (DESIGN.md §7). Per module: StrykerJS's instrumenter writes every mutant into one
// build of the service (mutation schemata), bundled into a build context of its own under .scratch/;
// a configuration like the reference stack's builds the service from it and declares one mutant per
// schema id, whose environment sets __STRYKER_ACTIVE_MUTANT__. Each mutant then runs against the
// scenarios that cover its module (moduleTags), in this process with the stacks kept up, as
// src/mutants/run-mutants.ts runs the catalog. Results: reports/mutation-score/<module>/.
// `--subset` (npm run test:mutation-subset, a phase of npm test) runs only the fixed subset of
// mutation-subset.ts, every module of it in one build; `--rescore` applies new explanations to saved results.
import { loadConfiguration, loadSupport, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../project-root.js';
import { mutantVariable } from '../config/configured-mutant.js';
import { mutantRunVerdict } from './mutant-verdicts.js';
import { mutationScoreSchema, type MutationScoreResults } from './mutation-score-results.js';
import { findSubsetMutant, subsetBudgetMs, subsetMutants } from './mutation-subset.js';
import { FaultlineError } from '../errors.js';
import {
  activeMutantVariable,
  ignoredBecause,
  isSurvivor,
  moduleTags,
  mutantDiff,
  readinessSubjects,
  mutationScore,
  mutationScoreMarkdown,
  overallMarkdown,
  sourceMutantStatus,
  type SourceMutant,
  type SourceMutantResult,
} from './source-mutants.js';

const serviceDir = join(projectRoot, 'fixtures', 'reference-service');
const scratch = join(projectRoot, '.scratch', 'mutation-score');
const reportsRoot = join(projectRoot, 'reports', 'mutation-score');
/** A run longer than this is a mutant that hangs the service (every step waits out its own timeout). */
const timeoutMs = 150_000;

interface InstrumenterModule {
  Instrumenter: new (logger: unknown) => {
    instrument(files: Array<{ name: string; content: string; mutate: boolean }>, options: Record<string, unknown>): Promise<{ files: ReadonlyArray<{ name: string; content: string }>; mutants: readonly SourceMutant[] }>;
  };
}

/** @stryker-mutator/instrumenter from the project's dependencies, else from FAULTLINE_STRYKER_INSTRUMENTER (the package's directory). */
async function loadInstrumenter(): Promise<InstrumenterModule> {
  const name = '@stryker-mutator/instrumenter';
  try {
    return (await import(name)) as InstrumenterModule;
  } catch (error) {
    const dir = process.env.FAULTLINE_STRYKER_INSTRUMENTER;
    if (dir) return (await import(pathToFileURL(join(dir, 'dist', 'src', 'index.js')).href)) as InstrumenterModule;
    throw new Error(`${name} is not installed (${(error as Error).message}): add "${name}": "^10.1.1" to devDependencies, or point FAULTLINE_STRYKER_INSTRUMENTER at an installed copy`);
  }
}

const quiet = { debug() {}, trace() {}, info() {}, warn: console.warn, error: console.error, fatal: console.error, isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true };

/** Every mutant of the given modules of the service, and the modules instrumented with all of them (mutation schemata, ids unique across them). */
async function instrumentModules(files: ReadonlyArray<{ path: string; source: string }>): Promise<{ files: ReadonlyArray<{ name: string; content: string }>; mutants: readonly SourceMutant[] }> {
  const { Instrumenter } = await loadInstrumenter();
  return new Instrumenter(quiet).instrument(files.map(({ path, source }) => ({ name: path, content: source, mutate: true })), { plugins: null, excludedMutations: [], ignorers: [], noHeader: false });
}

/** Names the source a module's results measured: results of another source are not kept or rescored. */
const sourceHashOf = (source: string) => createHash('sha256').update(source).digest('hex').slice(0, 16);

const modulePath = (module: string) => join(serviceDir, 'src', module);

/** The service's sources with some modules instrumented, bundled into a build context of its own (`name`). */
async function buildInstrumented(name: string, modules: readonly string[]): Promise<{ context: string; sources: ReadonlyMap<string, string>; mutants: ReadonlyMap<string, readonly SourceMutant[]> }> {
  const sources = new Map(modules.map((module) => [module, readFileSync(modulePath(module), 'utf8')]));
  const result = await instrumentModules(modules.map((module) => ({ path: modulePath(module), source: sources.get(module)! })));
  const instrumented = new Map(result.files.map((file) => [file.name, file.content]));
  const mutants = new Map(modules.map((module) => [module, result.mutants.filter((mutant) => mutant.fileName === modulePath(module))]));
  const context = join(scratch, name);
  rmSync(context, { recursive: true, force: true });
  mkdirSync(context, { recursive: true });
  for (const file of ['Dockerfile', '.dockerignore', 'package.json']) cpSync(join(serviceDir, file), join(context, file));
  // The service's own sources, bundled as scripts/build-fixtures.mjs does, with these modules read
  // from the instrumenter's output instead of their files.
  await build({
    entryPoints: [join(serviceDir, 'src', 'main.ts')],
    plugins: [{ name: 'instrumented-modules', setup: (bundle) => bundle.onLoad({ filter: /\.ts$/ }, (args) => (instrumented.has(args.path) ? { contents: instrumented.get(args.path)!, loader: 'ts' } : undefined)) }],
    outfile: join(context, 'dist', 'server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __faultlineCreateRequire } from 'node:module'; const require = __faultlineCreateRequire(import.meta.url);" },
  });
  return { context, sources, mutants };
}

/** The reference stack's configuration, built from `context`, declaring each mutant with the scenarios that judge it. */
async function writeConfig(name: string, context: string, mutants: ReadonlyArray<{ mutant: SourceMutant; tags: string }>, readiness?: { readonly log: string }): Promise<string> {
  const base = ((await import(pathToFileURL(join(projectRoot, 'faultline.config.ts')).href)) as { default: Record<string, any> }).default;
  const absolute = (path: string) => (isAbsolute(path) ? path : resolve(projectRoot, path));
  const config = {
    ...base,
    dependencies: (base.dependencies ?? []).map((dependency: Record<string, any>) => ({
      ...dependency,
      ...(dependency.files ? { files: dependency.files.map((file: Record<string, any>) => ({ ...file, source: absolute(file.source) })) } : {}),
      ...(dependency.build ? { build: { ...dependency.build, context: absolute(dependency.build.context) } } : {}),
    })),
    // The service starts in 1-2 s; a mutant that keeps it from ever being ready fails its first step
    // after 15 s instead of the default 60 (such a mutant is an error, not a kill, either way).
    service: { ...base.service, build: { ...base.service.build, context }, startupTimeout: '15s', ...(readiness ? { readiness } : {}) },
    mutants: mutants.map(({ mutant, tags }) => ({ name: `stryker-${mutant.id}`, breaks: `${mutant.mutatorName} #${mutant.id}`, environment: { [activeMutantVariable]: mutant.id }, tags })),
  };
  // One file per build: Node caches an imported module by its path, and each build has its own.
  const path = join(scratch, `${name}.config.ts`);
  writeFileSync(path, `// Written by src/mutants/run-mutation-score.ts; overwritten on every run.\nexport default ${JSON.stringify(config, null, 2)};\n`);
  return path;
}

let support: ISupportCodeLibrary | undefined;

async function runCucumberOnce(mutant: SourceMutant, tags: string, dir: string, failFast: boolean): Promise<{ verdict: ReturnType<typeof mutantRunVerdict>; durationMs: number }> {
  mkdirSync(dir, { recursive: true });
  const messages = join(dir, `${mutant.id}${failFast ? '' : '.all'}.ndjson`);
  process.env[mutantVariable] = `stryker-${mutant.id}`;
  process.env.FAULTLINE_REPORTS_DIR = join(dir, 'run');
  const started = performance.now();
  const { runConfiguration } = await loadConfiguration({ profiles: ['mutant'], provided: { tags, failFast, format: [`message:${messages}`] } });
  support ??= await loadSupport(runConfiguration);
  await runCucumber({ ...runConfiguration, support });
  return { verdict: mutantRunVerdict(readFileSync(messages, 'utf8')), durationMs: performance.now() - started };
}

/**
 * One mutant against its scenarios, stopping at the first failure. A run whose first failure is
 * outside a Then (a Given, a When, a hook) runs again without stopping: a Then of a later scenario
 * may still see the broken behaviour, and only then is the mutant killed.
 */
async function runOne(mutant: SourceMutant, tags: string, dir: string): Promise<{ verdict: ReturnType<typeof mutantRunVerdict>; durationMs: number }> {
  const first = await runCucumberOnce(mutant, tags, dir, true);
  if (first.verdict.killedBy.length > 0 || first.verdict.brokenScenarios.length === 0 || first.durationMs > timeoutMs) return first;
  const whole = await runCucumberOnce(mutant, tags, dir, false);
  return { verdict: whole.verdict.killedBy.length > 0 ? whole.verdict : first.verdict, durationMs: first.durationMs + whole.durationMs };
}

async function scoreModule(module: string, only: ReadonlySet<string>): Promise<SourceMutantResult[]> {
  const tags = moduleTags[module];
  if (tags === undefined) throw new Error(`no scenarios are known to cover ${module}; modules: ${Object.keys(moduleTags).join(', ')}`);
  const started = performance.now();
  const name = module.replace(/\.ts$/, '');
  const built = await buildInstrumented(name, [module]);
  const source = built.sources.get(module)!;
  const mutants = built.mutants.get(module)!;
  process.env.FAULTLINE_CONFIG = await writeConfig(name, built.context, mutants.map((mutant) => ({ mutant, tags })), readinessSubjects[module]);
  process.env.FAULTLINE_KEEP_STACKS = '1';
  const dir = join(reportsRoot, module.replace(/\.ts$/, ''));
  const sourceHash = sourceHashOf(source);
  // Named mutants run again replace their own results in the module's last full run, if that run
  // measured the same source; otherwise the module starts afresh.
  const previous = only.size > 0 ? previousResults(dir, sourceHash) : undefined;
  // The last results stay until this run writes its own: a run stopped half-way loses nothing.
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) if (entry !== 'results.json' && entry !== 'summary.md') rmSync(join(dir, entry), { recursive: true, force: true });
  console.log(`${module}: ${mutants.length} mutants, scenarios ${tags}${previous ? `; ${only.size} run again, the others kept from ${previous.writtenAt}` : ''}`);
  const results: SourceMutantResult[] = [];
  for (const mutant of mutants) {
    const diff = mutantDiff(source, mutant);
    const ignored = ignoredBecause(source, mutant, module);
    const kept = only.has(mutant.id) ? undefined : previous?.results.find((result) => result.id === mutant.id);
    if (ignored === undefined && kept !== undefined) {
      results.push(kept);
      continue;
    }
    if (ignored !== undefined || (only.size > 0 && !only.has(mutant.id))) {
      results.push({ id: mutant.id, mutatorName: mutant.mutatorName, status: 'ignored', diff, durationMs: 0, detail: ignored ?? 'not selected' });
      continue;
    }
    const { verdict, durationMs } = await runOne(mutant, tags, dir);
    const status = sourceMutantStatus(verdict, durationMs > timeoutMs);
    const detail = verdict.killedBy[0] ?? verdict.brokenScenarios[0];
    results.push({ id: mutant.id, mutatorName: mutant.mutatorName, status, diff, durationMs: Math.round(durationMs), ...(detail ? { detail } : {}) });
    console.log(`  #${mutant.id} ${mutant.mutatorName.padEnd(22)} ${status.padEnd(9)} ${(durationMs / 1000).toFixed(1)} s  ${status === 'survived' ? diff.split('\n').at(-1) : (detail ?? '')}`);
  }
  const totalMs = performance.now() - started;
  const score = mutationScore(results);
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ writtenAt: new Date().toISOString(), commit: currentCommit(), module, sourceHash, tags, totalMs: Math.round(totalMs), ...score, results }, null, 2)}\n`);
  writeFileSync(join(dir, 'summary.md'), mutationScoreMarkdown(module, tags, results, totalMs));
  console.log(`${module}: score ${score.score === undefined ? 'n/a (nothing measured)' : `${score.score} %`} (killed ${score.killed}, survived ${score.survived}, timeout ${score.timeout}, no coverage ${score.noCoverage}, errors ${score.errors}, ignored ${score.ignored}) in ${(totalMs / 1000).toFixed(0)} s; ${join(dir, 'summary.md')}`);
  return results;
}

interface ModuleResults {
  readonly writtenAt: string;
  readonly commit?: string;
  readonly module: string;
  readonly sourceHash?: string;
  readonly tags: string;
  readonly totalMs: number;
  readonly results: SourceMutantResult[];
}

function readModuleResults(dir: string): ModuleResults | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as ModuleResults;
  } catch {
    return undefined;
  }
}

/** The module's last results, if they measured this source. */
function previousResults(dir: string, sourceHash: string): ModuleResults | undefined {
  const results = readModuleResults(dir);
  return results?.sourceHash === sourceHash ? results : undefined;
}

function currentCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The last subset run's figures (reports/mutation-score/subset/results.json), if any, as the overall results hold them. */
function readSubsetResults(): MutationScoreResults['subset'] {
  try {
    return mutationScoreSchema.shape.subset.parse(JSON.parse(readFileSync(join(reportsRoot, 'subset', 'results.json'), 'utf8')));
  } catch {
    return undefined;
  }
}

/** reports/mutation-score/summary.md and results.json: every module's last results and the score over all of them. */
function writeOverall(): void {
  const modules = Object.keys(moduleTags).map((module) => ({ module, measured: readModuleResults(join(reportsRoot, module.replace(/\.ts$/, ''))) }));
  const measured = modules.flatMap(({ measured }) => (measured ? [measured] : []));
  const all = measured.flatMap((entry) => entry.results);
  const commit = currentCommit();
  const subset = readSubsetResults();
  const counts = (results: readonly SourceMutantResult[]) => {
    const { score, ...rest } = mutationScore(results);
    return { score: score ?? null, ...rest };
  };
  // The report reads this file (reports/mutation-score/results.json) through the same schema.
  const overall = mutationScoreSchema.parse({
    writtenAt: new Date().toISOString(),
    ...(commit ? { commit } : {}),
    ...counts(all),
    modules: measured.map((entry) => ({ module: entry.module, tags: entry.tags, writtenAt: entry.writtenAt, ...(entry.commit ? { commit: entry.commit } : {}), totalMs: entry.totalMs, ...counts(entry.results) })),
    notMeasured: modules.filter(({ measured }) => !measured).map(({ module }) => module),
    ...(subset ? { subset } : {}),
    survivors: measured.flatMap((entry) =>
      entry.results.flatMap((result) => (isSurvivor(result) ? [{ module: entry.module, id: result.id, mutatorName: result.mutatorName, status: result.status, diff: result.diff, ...(result.detail ? { detail: result.detail } : {}) }] : [])),
    ),
  });
  writeFileSync(join(reportsRoot, 'results.json'), `${JSON.stringify(overall, null, 2)}\n`);
  writeFileSync(join(reportsRoot, 'summary.md'), overallMarkdown(modules));
  const score = mutationScore(all);
  console.log(`all modules: score ${score.score === undefined ? 'n/a (nothing measured)' : `${score.score} %`} (killed ${score.killed}, survived ${score.survived}, timeout ${score.timeout}, no coverage ${score.noCoverage}); ${join(reportsRoot, 'summary.md')}`);
}

/**
 * `--rescore`: applies the current explanations (equivalent-mutants.ts, the left-out code) to the
 * saved results of every module whose source is unchanged, without running anything: an
 * explanation written after a run counts at once. A mutant no longer left out keeps no verdict and
 * says it must run again.
 */
async function rescore(): Promise<void> {
  for (const module of Object.keys(moduleTags)) {
    const dir = join(reportsRoot, module.replace(/\.ts$/, ''));
    const saved = readModuleResults(dir);
    if (!saved) continue;
    const path = modulePath(module);
    const source = readFileSync(path, 'utf8');
    if (saved.sourceHash !== sourceHashOf(source)) {
      console.log(`${module}: its source changed since ${saved.writtenAt}; run it again (npm run test:mutation-score -- ${module})`);
      continue;
    }
    const { mutants } = await instrumentModules([{ path, source }]);
    const results = saved.results.map((result): SourceMutantResult => {
      const mutant = mutants.find((candidate) => candidate.id === result.id);
      const ignored = mutant === undefined ? undefined : ignoredBecause(source, mutant, module);
      if (ignored !== undefined) return { ...result, status: 'ignored', detail: ignored };
      if (result.status === 'ignored' && result.detail !== 'not selected') return { ...result, status: 'error', detail: `was left out (${result.detail ?? ''}), is not any more: run it again` };
      return result;
    });
    writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ ...saved, ...mutationScore(results), results }, null, 2)}\n`);
    writeFileSync(join(dir, 'summary.md'), mutationScoreMarkdown(module, saved.tags, results, saved.totalMs));
    const score = mutationScore(results);
    console.log(`${module}: score ${score.score === undefined ? 'n/a (nothing measured)' : `${score.score} %`} with the current explanations (killed ${score.killed}, survived ${score.survived}, errors ${score.errors}, ignored ${score.ignored})`);
  }
  writeOverall();
}

/**
 * `--subset`: the fixed subset of mutation-subset.ts, all its modules instrumented in one build and
 * run on one stack; each mutant must be killed in a Then by its scenarios. Writes
 * reports/mutation-score/subset/ and returns how many were not.
 */
async function runSubset(): Promise<number> {
  const started = performance.now();
  const modules = [...new Set(subsetMutants.map((entry) => entry.module))];
  const built = await buildInstrumented('subset', modules);
  const chosen = subsetMutants.map((entry) => {
    const found = findSubsetMutant(entry, built.sources.get(entry.module)!, built.mutants.get(entry.module)!);
    if (typeof found === 'string') throw new FaultlineError('FL_BAD_INPUT', found);
    return { entry, mutant: found };
  });
  process.env.FAULTLINE_CONFIG = await writeConfig('subset', built.context, chosen.map(({ entry, mutant }) => ({ mutant, tags: entry.tags })));
  process.env.FAULTLINE_KEEP_STACKS = '1';
  const dir = join(reportsRoot, 'subset');
  rmSync(dir, { recursive: true, force: true });
  console.log(`mutation subset: ${chosen.length} source mutants of ${modules.length} modules, budget ${subsetBudgetMs / 1000} s`);
  const results = [];
  for (const { entry, mutant } of chosen) {
    const { verdict, durationMs } = await runOne(mutant, entry.tags, dir);
    const status = sourceMutantStatus(verdict, durationMs > timeoutMs);
    const detail = verdict.killedBy[0] ?? verdict.brokenScenarios[0];
    results.push({ module: entry.module, id: mutant.id, mutatorName: mutant.mutatorName, breaks: entry.breaks, tags: entry.tags, status, diff: mutantDiff(built.sources.get(entry.module)!, mutant), durationMs: Math.round(durationMs), ...(detail ? { detail } : {}) });
    console.log(`  ${entry.module} #${mutant.id} ${status.padEnd(9)} ${(durationMs / 1000).toFixed(1)} s  ${entry.breaks}${detail ? `: ${detail}` : ''}`);
  }
  const totalMs = Math.round(performance.now() - started);
  const missed = results.filter((result) => result.status !== 'killed');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify({ writtenAt: new Date().toISOString(), commit: currentCommit(), totalMs, budgetMs: subsetBudgetMs, killed: results.length - missed.length, notKilled: missed.length, results }, null, 2)}\n`);
  const overBudget = totalMs > subsetBudgetMs ? ` (over its budget of ${subsetBudgetMs / 1000} s)` : ` (budget ${subsetBudgetMs / 1000} s)`;
  console.log(`mutation subset: ${results.length - missed.length} of ${results.length} killed in a Then, in ${(totalMs / 1000).toFixed(0)} s${overBudget}; ${join(dir, 'results.json')}`);
  for (const result of missed) console.log(`  not killed: ${result.module} #${result.id} (${result.breaks}), ${result.status}${result.detail ? ` at ${result.detail}` : ''}\n${result.diff}`);
  // The report reads the subset's figures from the overall results, beside the full score.
  writeOverall();
  return missed.length;
}

/** Stops the stacks the runs kept up (the next module's service is another build). */
async function disposeKeptStacks(): Promise<void> {
  if (support) await ((await import('../../steps/support/hooks.js')) as { disposeKeptStacks(): Promise<void> }).disposeKeptStacks();
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--rescore')) return rescore();
  if (args.includes('--subset')) {
    const keepAlive = setInterval(() => undefined, 60_000);
    try {
      process.exitCode = (await runSubset()) > 0 ? 1 : 0;
    } finally {
      delete process.env[mutantVariable];
      await disposeKeptStacks();
      clearInterval(keepAlive);
    }
    return;
  }
  const modules = args.filter((arg) => arg.endsWith('.ts'));
  // Schema ids after the module names run only those mutants (e.g. to replay one survivor).
  const only = new Set(args.filter((arg) => /^\d+$/.test(arg)));
  const keepAlive = setInterval(() => undefined, 60_000);
  let survivors = 0;
  try {
    for (const module of modules.length > 0 ? modules : Object.keys(moduleTags)) {
      survivors += (await scoreModule(module, only)).filter(isSurvivor).length;
      await disposeKeptStacks();
      writeOverall();
    }
  } finally {
    delete process.env[mutantVariable];
    await disposeKeptStacks();
    clearInterval(keepAlive);
  }
  // A score, not a gate: survivors are listed for a person to judge (some are equivalent mutants).
  if (survivors > 0) console.log(`${survivors} mutants survived; their diffs are in ${reportsRoot}/*/summary.md`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
