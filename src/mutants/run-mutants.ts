// Runs the features that check each resilience pattern against the service configured to break
// it (src/mutants/mutant-catalog.ts), and fails unless every mutant is killed. Results go to
// reports/mutants/results.json, which the mutation feature turns into report evidence.
import { spawn } from 'node:child_process';
import { loadConfiguration, loadSupport, runCucumber as runCucumberApi, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';
import { mutantVariable } from '../config/configured-mutant.js';
import { mutants, type Mutant } from './mutant-catalog.js';
import { mutantRunVerdict } from './mutant-verdicts.js';
import { mutantResultsJson, mutantResultsPath, type MutantResult } from './mutant-results.js';
import { mutantSummaryLines } from './config-mutants.js';

// The results' shape and place live in mutant-results.ts: step files read them, and importing this
// runner from a step file would be an import cycle through the runner's own top-level await.
export { mutantResultsPath, type MutantResult } from './mutant-results.js';

function runCucumber(mutant: Mutant, messagesPath: string): Promise<number> {
  const cli = join(projectRoot, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  // The first failure decides: a mutant is killed by one failing Then step, so the scenarios after
  // it are not run (a failure outside a Then step also stops the run, and the mutant then survives).
  const args = [cli, '--profile', mutant.target?.profile ?? 'mutant', '--fail-fast', '--tags', mutant.tags, '--format', `message:${messagesPath}`];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      env: {
        ...process.env,
        [mutantVariable]: mutant.name,
        FAULTLINE_REPORTS_DIR: join(projectRoot, 'reports', 'mutants', mutant.name),
        ...(mutant.target ? { FAULTLINE_CONFIG: join(projectRoot, mutant.target.config) } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * The reference stack's mutants run in this process, one cucumber run each through cucumber's API,
 * with the support code loaded once: the stacks the first run starts stay up for the next ones
 * (FAULTLINE_KEEP_STACKS), and each run's World restarts the service under test with its mutant's
 * environment. That spares every mutant a process start and a stack start (about 10 s each).
 */
let support: ISupportCodeLibrary | undefined;

async function runInProcess(mutant: Mutant, messagesPath: string): Promise<void> {
  process.env[mutantVariable] = mutant.name;
  process.env.FAULTLINE_KEEP_STACKS = '1';
  const { runConfiguration } = await loadConfiguration({
    profiles: ['mutant'],
    provided: { tags: mutant.tags, failFast: true, format: [`message:${messagesPath}`] },
  });
  support ??= await loadSupport(runConfiguration);
  await runCucumberApi({ ...runConfiguration, support });
}

/** Stops what the in-process runs kept up (the hooks export it; loaded by cucumber as support code). */
async function disposeKeptStacks(): Promise<void> {
  if (!support) return;
  const hooks = (await import('../../steps/support/hooks.js')) as { disposeKeptStacks(): Promise<void> };
  await hooks.disposeKeptStacks();
}

async function runMutant(mutant: Mutant): Promise<MutantResult> {
  const dir = join(projectRoot, 'reports', 'mutants', mutant.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const messagesPath = join(dir, 'messages.ndjson');
  console.log(`\nmutant ${mutant.name}: ${mutant.breaks}; running ${mutant.tags} with ${JSON.stringify(mutant.environment)}`);
  const started = performance.now();
  if (mutant.target) await runCucumber(mutant, messagesPath);
  else await runInProcess(mutant, messagesPath);
  const verdict = mutantRunVerdict(readFileSync(messagesPath, 'utf8'), mutant.killedAt);
  const killed = verdict.killedBy.length > 0;
  console.log(
    `mutant ${mutant.name}: ${killed ? `KILLED by ${verdict.killedBy.length} scenario(s)` : verdict.killedElsewhere.length > 0 ? `SURVIVED: failed only at an unrelated step, ${verdict.killedElsewhere[0]}` : 'SURVIVED'}`,
  );
  return { name: mutant.name, breaks: mutant.breaks, tags: mutant.tags, killed, ...verdict, durationMs: Math.round(performance.now() - started) };
}

/** Which stack a mutant's scenarios run on: the shared one, the events, the cache and saga, the replicas, the lock, their own. */
function stackGroup(mutant: Mutant): number {
  if (mutant.target) return 5;
  const tags = mutant.tags.replace(/not\s+@[\w-]+/g, '');
  if (/@events|@explore-events/.test(tags)) return 1;
  if (/@cache|@saga|@explore-saga|@shared-rate-limit/.test(tags)) return 2;
  if (/@dr/.test(tags)) return 3;
  if (/@replicas|@deploy/.test(tags)) return 4;
  if (/@lock/.test(tags)) return 6;
  return 0;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = only.length > 0 ? mutants.filter((mutant) => only.includes(mutant.name)) : mutants;
  // Mutants that run on the same stack follow each other, so that each stack starts once.
  const selected = [...chosen].sort((a, b) => stackGroup(a) - stackGroup(b));
  const results: MutantResult[] = [];
  // Cucumber's API loads support code through module hooks that do not keep the event loop alive on
  // their own; without a timer of ours the process can run out of work halfway through a run.
  const keepAlive = setInterval(() => undefined, 60_000);
  try {
    for (const mutant of selected) results.push(await runMutant(mutant));
  } finally {
    delete process.env[mutantVariable];
    await disposeKeptStacks();
    clearInterval(keepAlive);
  }
  mkdirSync(join(projectRoot, 'reports', 'mutants'), { recursive: true });
  writeFileSync(mutantResultsPath, mutantResultsJson(results));
  console.log('\nmutation checks:');
  for (const line of mutantSummaryLines(results)) console.log(line);
  if (results.some((result) => !result.killed)) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
