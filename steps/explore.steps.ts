// The fault-space explorer (src/explore/): explore a workload of configured requests, then judge.
import { relative } from 'node:path';
import { After, Before, BeforeStep, Given, Then, When } from '@cucumber/cucumber';
import { formatCounterexample } from '../src/explore/counterexample.js';
import { explorerFor } from '../src/explore/explore-command.js';
import { exploreDefaults } from '../src/explore/explore-arguments.js';
import { explorationMatrix } from '../src/explore/exploration-matrix.js';
import type { ExplorationResult } from '../src/explore/explorer.js';
import { parseOracleNames, type OracleName } from '../src/explore/oracles.js';
import { withinMs } from '../src/units/tolerance.js';
import { exploreScenarioInChild, locateScenario } from '../src/explore/explore-scenario-process.js';
import { handBackRun, placeScenarioFaults, scenarioFaultsOfRun, type PlacedScenarioFaults } from '../src/explore/scenario-faults.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';
import { runShellCommand } from '../src/explore/explore-scenario-process.js';

const explorations = new WeakMap<FaultlineWorld, ExplorationResult>();
const chosenOracles = new WeakMap<FaultlineWorld, readonly OracleName[]>();
/** Counterexamples printed in a failure message; the report lists them all. */
const shown = 4;

async function explore(world: FaultlineWorld, requests: number, budgetRuns: number, budgetSeconds: number): Promise<void> {
  await world.ready();
  const explorer = explorerFor(
    world.stack,
    {
      requests,
      budgetRuns,
      budgetMs: budgetSeconds * 1000,
      statuses: exploreDefaults.statuses,
      deadlineMs: world.serviceSetting('TOTAL_DEADLINE_MS', exploreDefaults.deadlineMs),
      slowMs: exploreDefaults.slowMs,
      ...(chosenOracles.has(world) ? { oracles: chosenOracles.get(world)! } : {}),
      seed: Math.floor(Math.random() * 2 ** 31),
      pairs: true,
      // Like fast-check: the first broken invariant ends the exploration and is shrunk (a mutant dies in seconds).
      stopAtFirstFailure: true,
    },
    relative(process.cwd(), world.stack.loaded.path),
  );
  const result = await explorer.explore().finally(() => explorer.close());
  explorations.set(world, result);
  world.evidence.notes.exploration = { ...result, matrix: explorationMatrix(result) };
}

const timeout = withinMs(240_000);

// Before the exploration: runs are judged by these invariants alone (default: all of them), and the
// first run that breaks one of them ends it. For a service whose contract has fewer invariants
// (the tip jar answers its errors in plain JSON, not problem+json).
Given('the explorer judges runs by {string}', function (this: FaultlineWorld, names: string) {
  chosenOracles.set(this, parseOracleNames(names));
});

When('every single fault is tried at every dependency interaction of placing {int} orders within {int} runs and {int} seconds', { timeout }, function (this: FaultlineWorld, requests: number, runs: number, seconds: number) {
  return explore(this, requests, runs, seconds);
});

When('every single fault is tried at every dependency interaction of sending {int} requests within {int} runs and {int} seconds', { timeout }, function (this: FaultlineWorld, requests: number, runs: number, seconds: number) {
  return explore(this, requests, runs, seconds);
});

// A scenario of the configuration's features as the workload, judged by its own steps (and the
// service ready again): it runs in a child `faultline explore <feature>:<line>` with a stack of its own.
When('every single fault is tried at every dependency interaction of the scenario {string} within {int} runs and {int} seconds', { timeout }, async function (this: FaultlineWorld, name: string, runs: number, seconds: number) {
  const location = locateScenario(name, this.stack.loaded.path);
  const result = await exploreScenarioInChild({ location, configPath: this.stack.loaded.path, budgetRuns: runs, budgetSeconds: seconds, seed: Math.floor(Math.random() * 2 ** 31), timeoutMs: timeout - 5_000 });
  explorations.set(this, result);
  this.evidence.notes.exploration = result;
});

Then("the scenario's own checks broke first under {string}", function (this: FaultlineWorld, faults: string) {
  const result = explorations.get(this);
  if (!result) throw new FaultlineError('FL_MISSING_STEP', 'no exploration ran in this scenario; start with "When every single fault is tried at every dependency interaction of the scenario ..."');
  const first = result.counterexamples[0];
  const found = first === undefined ? 'none' : `${first.faults.join(',')} (${first.oracle}: ${first.detail})`;
  this.expect({
    label: `the first counterexample of exploring ${result.workload}`,
    measured: result.counterexamples.length,
    unit: 'counterexamples',
    bound: `the first: ${faults}, breaking the scenario's own checks`,
    ok: first !== undefined && first.oracle === 'scenario' && first.faults.join(',') === faults,
    detail: `first counterexample: ${found}; ${result.stats.runs} runs in ${(result.stats.durationMs / 1000).toFixed(1)} s (${result.stats.runsPerMinute} runs/min); baseline ${result.baseline.join(', ')}`,
  });
});

Then('no run broke the contract', function (this: FaultlineWorld) {
  const result = explorations.get(this);
  if (!result) throw new FaultlineError('FL_MISSING_STEP', 'no exploration ran in this scenario; start with "When every single fault is tried at every dependency interaction of ..."');
  const { stats, counterexamples } = result;
  this.expect({
    label: `explored runs that broke the contract (${result.oracles.join(', ')})`,
    measured: counterexamples.length,
    unit: 'counterexamples',
    bound: '0',
    ok: counterexamples.length === 0,
    detail: `${stats.runs} runs (${stats.singles} singles, ${stats.pairsPlanned} pairs planned of ${stats.pairsWithoutPruning}, ${stats.pairsPruned} pruned) over ${stats.interactions} interactions in ${(stats.durationMs / 1000).toFixed(1)} s (${stats.runsPerMinute} runs/min)${counterexamples.length ? `\n${counterexamples.slice(0, shown).map(formatCounterexample).join('\n')}${counterexamples.length > shown ? `\n… and ${counterexamples.length - shown} more counterexamples in the report's explored fault space` : ''}` : ''}`,
  });
});

// The replay command a counterexample prints, run as printed (a shell, npx, a stack of its own):
// what a user copies from a failure must reproduce it.
const replays = new WeakMap<FaultlineWorld, { command: string; code: number | null; output: string }>();

function firstCounterexample(world: FaultlineWorld) {
  const result = explorations.get(world);
  if (!result) throw new FaultlineError('FL_MISSING_STEP', 'no exploration ran in this scenario; start with "When every single fault is tried at every dependency interaction of ..."');
  const first = result.counterexamples[0];
  if (!first) throw new FaultlineError('FL_MISSING_STEP', `the exploration found no counterexample to replay (${result.stats.runs} runs, baseline ${result.baseline.join(', ')})`);
  return first;
}

When("the first counterexample's replay command is run", { timeout: withinMs(90_000) }, async function (this: FaultlineWorld) {
  const { replay } = firstCounterexample(this);
  const { code, output } = await runShellCommand(replay, 85_000);
  replays.set(this, { command: replay, code, output });
  this.evidence.notes.replay = { command: replay, exitCode: code, output: output.split('\n').filter((line) => /^(baseline|replay of|\s+(held|BROKEN))/.test(line)) };
});

Then('the replay breaks {string} again, with the answers the explorer saw', function (this: FaultlineWorld, oracle: string) {
  const first = firstCounterexample(this);
  const replay = replays.get(this);
  if (!replay) throw new FaultlineError('FL_MISSING_STEP', `no replay ran in this scenario; add "When the first counterexample's replay command is run" before this step`);
  const answers = /^replay of .* \(seed \d+\): (.*)$/m.exec(replay.output)?.[1];
  const broken = [...replay.output.matchAll(/^\s+BROKEN ([a-z-]+):/gm)].map((match) => match[1]!);
  this.expect({
    label: `the replay of ${first.faults.join(', ') || 'no faults'}`,
    measured: replay.code ?? -1,
    unit: 'exit code',
    bound: `1, breaking ${oracle} with the answers ${first.outcomes.join(', ')}`,
    ok: replay.code === 1 && broken.includes(oracle) && answers === first.outcomes.join(', '),
    detail: `${replay.command}\nanswers: ${answers ?? 'none printed'}; broken: ${broken.join(', ') || 'none'}${answers === undefined ? `\n${replay.output.split('\n').slice(-15).join('\n')}` : ''}`,
  });
});

// A scenario run by the explorer (`faultline explore <feature>:<line>`): the fault set it names in
// FAULTLINE_EXPLORE_FAULTS is placed once the service is ready (the World's ready() may restart it
// and reset the upstreams, which would erase faults placed earlier); faults held during the When
// steps end before the first Then; the journals go back to the explorer before the common After
// hook clears them. Without the variable these hooks do nothing.
const placed = new WeakMap<FaultlineWorld, PlacedScenarioFaults>();

Before(function (this: FaultlineWorld) {
  const faults = scenarioFaultsOfRun();
  if (faults === undefined) return;
  const ready = this.ready.bind(this);
  this.ready = async () => {
    await ready();
    if (!placed.has(this)) placed.set(this, await placeScenarioFaults(this.stack, this.faults, faults));
  };
});

BeforeStep(async function (this: FaultlineWorld, { pickleStep }) {
  if (pickleStep.type === 'Outcome') await placed.get(this)?.endWhenSteps();
});

// Defined after the common After, so it runs before it.
After(async function (this: FaultlineWorld) {
  if (scenarioFaultsOfRun() === undefined) return;
  await handBackRun(this.stack);
});
