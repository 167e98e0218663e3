// `faultline explore [config] [options]`: starts the configuration's stack, explores (or replays one
// fault set with --faults), prints the figures and counterexamples, writes the exploration as JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { activeMutant } from '../mutants/mutant-catalog.js';
import { resetProbeConnections } from '../probes/http-probe.js';
import { warmUp } from '../probes/readiness.js';
import { startStack, type Stack } from '../stack/stack.js';
import { formatCounterexample } from './counterexample.js';
import { parseExploreArguments, type ExploreArguments } from './explore-arguments.js';
import { explorationMatrix, explorationSummary } from './exploration-matrix.js';
import { Explorer, type ExplorationResult } from './explorer.js';
import { faultSpecId, type FaultSpec } from './fault-spec.js';
import { outcomeWord, type RunObservation } from './run-observation.js';

/** The service as the mutant (FAULTLINE_MUTANT) wants it, warmed up, with empty journals. */
export async function prepareService(stack: Stack): Promise<void> {
  const mutant = activeMutant();
  if (mutant && (await stack.service.reconfigure({ ...mutant.environment }))) resetProbeConnections();
  await warmUp(stack);
  await stack.resetUpstreams();
}

export function explorerFor(stack: Stack, args: Omit<ExploreArguments, 'config' | 'out' | 'faults'>, configShown: string, log?: (line: string) => void): Explorer {
  const mutant = activeMutant()?.name;
  return new Explorer(stack, { ...args, replay: { config: configShown, ...(mutant === undefined ? {} : { mutant }) }, ...(log ? { log } : {}) });
}

export async function exploreCommand(rest: readonly string[]): Promise<number> {
  const args = parseExploreArguments(rest);
  if (args.scenario !== undefined) return exploreScenarioCommand(args, args.scenario);
  const loaded = await loadConfig(args.config);
  const configShown = relative(process.cwd(), loaded.path) || loaded.path;
  await using stack = await startStack(loaded);
  await prepareService(stack);
  const explorer = explorerFor(stack, args, configShown, (line) => console.log(line));
  // Awaited here: returning the promise would dispose of the stack before the exploration ran.
  return await report(explorer, args);
}

/**
 * `faultline explore features/x.feature:12`: the scenario is the workload. Its support code runs in
 * this process (cucumber's API), so the stack is the one its hooks start for the first run, shared
 * by every run after it and disposed at the end.
 */
async function exploreScenarioCommand(args: ExploreArguments, location: string): Promise<number> {
  // Loaded only here: the scenario runner brings cucumber's runtime with it.
  const { ScenarioRunner } = await import('./scenario-runner.js');
  const runner = await ScenarioRunner.load(location, args.slowMs);
  try {
    const first = await runner.run([]);
    const mutant = activeMutant()?.name;
    const configShown = relative(process.cwd(), first.stack.loaded.path) || first.stack.loaded.path;
    let baselineReused = false;
    const workload = {
      location,
      run: async (faults: readonly FaultSpec[]) => {
        if (faults.length === 0 && !baselineReused) {
          baselineReused = true;
          return first;
        }
        return runner.run(faults);
      },
    };
    const explorer = new Explorer(first.stack, { ...args, replay: { config: configShown, ...(mutant === undefined ? {} : { mutant }) }, log: (line) => console.log(line) }, workload);
    return await report(explorer, args);
  } finally {
    await runner.close();
  }
}

async function report(explorer: Explorer, args: ExploreArguments): Promise<number> {
  if (args.faults) {
    const { run: baseline } = await explorer.baseline();
    console.log(`baseline: ${outcomesOf(baseline.observation).join(', ')}`);
    const run = await explorer.run(args.faults);
    console.log(`replay of ${args.faults.map(faultSpecId).join(' + ') || 'none'} (seed ${args.seed}): ${outcomesOf(run.observation).join(', ')}`);
    for (const verdict of run.verdicts) console.log(`  ${verdict.ok ? 'held ' : 'BROKEN'} ${verdict.oracle}${verdict.ok ? '' : `: ${verdict.detail}`}`);
    return run.verdicts.every((verdict) => verdict.ok) ? 0 : 1;
  }
  const result = await explorer.explore().finally(() => explorer.close());
  for (const line of explorationSummary(result)) console.log(line);
  for (const counterexample of result.counterexamples) console.log(`\n${formatCounterexample(counterexample)}`);
  const out = args.out ?? `${process.env.FAULTLINE_REPORTS_DIR || 'reports'}/explore/exploration.json`;
  writeExploration(out, result);
  console.log(`\nwrote ${out}`);
  return result.counterexamples.length === 0 ? 0 : 1;
}

const outcomesOf = (observation: RunObservation): string[] => (observation.scenario ? [observation.scenario.outcome] : observation.steps.map(outcomeWord));

export function writeExploration(path: string, result: ExplorationResult): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ ...result, matrix: explorationMatrix(result) }, null, 2)}\n`);
}
