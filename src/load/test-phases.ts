// npm test's phases, run one after the other as the `&&` chain they replace: output streamed
// unchanged, the first failure stops the run with its exit code. Each phase's wall time is kept,
// and the features phase's commands (the test:features script, split at its `&&`) each have theirs.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { FeatureRunTimes } from './feature-times.js';

export interface Command {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

export interface Phase {
  readonly name: string;
  readonly commands: readonly Command[];
}

export interface CommandTime {
  readonly label: string;
  readonly ms: number;
  readonly exitCode: number;
}

export interface PhaseTime {
  readonly name: string;
  readonly ms: number;
  readonly exitCode: number;
  readonly commands: readonly CommandTime[];
}

const npmRun = (script: string, args: readonly string[] = []): Command => ({
  label: `npm run ${script}${args.length ? ` -- ${args.map(shellQuote).join(' ')}` : ''}`,
  command: 'npm',
  args: ['run', script, ...(args.length ? ['--', ...args] : [])],
});

const shell = (line: string): Command => ({ label: line, command: 'sh', args: ['-c', line] });

export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * A script run as its `&&`-separated commands, each timed, when it is nothing but such a chain;
 * otherwise (`||`, `;`, pipes, quotes that could hide an `&&`) the script as one command.
 */
export function splitScript(script: string, body: string | undefined): readonly Command[] {
  if (body === undefined || /\|\||;|\||['"`]|\$\(/.test(body)) return [npmRun(script)];
  const parts = body.split('&&').map((part) => part.trim());
  return parts.some((part) => part === '') ? [npmRun(script)] : parts.map(shell);
}

/** The phases of npm test, in its order; `scripts` is package.json's scripts (test:features is split). */
export function testPhases(scripts: Readonly<Record<string, string>>): readonly Phase[] {
  return [
    { name: 'build:fixtures', commands: [npmRun('build:fixtures')] },
    { name: 'typecheck', commands: [npmRun('typecheck')] },
    { name: 'unit', commands: [npmRun('test:unit')] },
    { name: 'mutants', commands: [npmRun('test:mutants')] },
    { name: 'mutation-subset', commands: [npmRun('test:mutation-subset')] },
    { name: 'fault-removal', commands: [npmRun('test:fault-removal')] },
    { name: 'features', commands: splitScript('test:features', scripts['test:features']) },
    { name: 'shards', commands: [npmRun('test:shards', ['--whole', 'reports/tip-jar', '--tags', 'not @tip-jar-explore'])] },
    { name: 'package', commands: [npmRun('test:package')] },
    { name: 'cleanup', commands: [npmRun('test:cleanup')] },
  ];
}

/** The phases named in `only` (comma-separated), in npm test's order; an unknown name is an error. */
export function selectPhases(phases: readonly Phase[], only: string | undefined): readonly Phase[] {
  if (only === undefined || only.trim() === '') return phases;
  const wanted = only.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !phases.some((phase) => phase.name === name));
  if (unknown.length > 0) {
    throw new Error(`FAULTLINE_TEST_PHASES names ${unknown.map((name) => `"${name}"`).join(', ')}, which npm test does not have: use a comma-separated subset of ${phases.map((phase) => phase.name).join(',')}`);
  }
  return phases.filter((phase) => wanted.includes(phase.name));
}

/** What a shell reports for a child: its exit code, or 128 + the signal that ended it. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
}

export type RunCommand = (command: Command) => Promise<number>;

/**
 * Spawns a command with the terminal's stdio (its output as is). Ctrl-C reaches the child from the
 * terminal, as it did in the `&&` chain, so SIGINT is only waited out here (the breakdown is still
 * written); a SIGTERM, sent to this process alone, is passed on.
 */
export const spawnCommand: RunCommand = (command) =>
  new Promise((resolve) => {
    const child = spawn(command.command, [...command.args], { stdio: 'inherit' });
    const wait = () => undefined;
    const forward = () => child.kill('SIGTERM');
    process.on('SIGINT', wait);
    process.on('SIGTERM', forward);
    const done = (code: number) => {
      process.off('SIGINT', wait);
      process.off('SIGTERM', forward);
      resolve(code);
    };
    child.on('error', (error) => {
      console.error(`${command.label}: ${error.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(exitCodeOf(code, signal)));
  });

/**
 * Runs the phases in order until one fails; `onPhase` sees the times so far after every phase
 * (the breakdown is written whatever happens next). Returns the times and the exit code.
 */
export async function runPhases(
  phases: readonly Phase[],
  run: RunCommand = spawnCommand,
  onPhase: (times: readonly PhaseTime[]) => void = () => undefined,
): Promise<{ times: readonly PhaseTime[]; exitCode: number }> {
  const times: PhaseTime[] = [];
  for (const phase of phases) {
    const phaseStarted = performance.now();
    const commands: CommandTime[] = [];
    let exitCode = 0;
    for (const command of phase.commands) {
      const started = performance.now();
      exitCode = await run(command);
      commands.push({ label: command.label, ms: Math.round(performance.now() - started), exitCode });
      if (exitCode !== 0) break;
    }
    times.push({ name: phase.name, ms: Math.round(performance.now() - phaseStarted), exitCode, commands });
    onPhase(times);
    if (exitCode !== 0) return { times, exitCode };
  }
  return { times, exitCode: 0 };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The breakdown as markdown: phases (with the features phase's commands), then the feature files. */
export function phasesMarkdown(times: readonly PhaseTime[], planned: readonly Phase[], features: FeatureRunTimes | undefined, exitCode: number | undefined): string {
  const total = times.reduce((sum, phase) => sum + phase.ms, 0);
  const failed = times.find((phase) => phase.exitCode !== 0);
  const verdict = failed ? `failed in ${failed.name} (exit code ${failed.exitCode})` : exitCode === undefined ? 'running' : 'passed';
  const lines = [`# npm test: where the time went`, '', `${verdict}; ${seconds(total)} over ${times.length} of ${planned.length} phases.`, '', '| phase | wall time | share | exit code |', '| --- | ---: | ---: | ---: |'];
  for (const phase of times) {
    lines.push(`| ${cell(phase.name)} | ${seconds(phase.ms)} | ${total > 0 ? ((phase.ms / total) * 100).toFixed(0) : 0} % | ${phase.exitCode} |`);
    if (phase.commands.length > 1) for (const command of phase.commands) lines.push(`| &nbsp;&nbsp;${cell(command.label)} | ${seconds(command.ms)} | | ${command.exitCode} |`);
  }
  for (const phase of planned.slice(times.length)) lines.push(`| ${cell(phase.name)} | not run | | |`);
  if (features) {
    const sum = features.features.reduce((acc, feature) => acc + feature.ms, 0);
    lines.push(
      '',
      `## Feature files of the ci run (reports/messages.ndjson)`,
      '',
      `Run ${features.wallMs === undefined ? 'unfinished' : seconds(features.wallMs)}: scenarios ${seconds(sum)}, BeforeAll/AfterAll ${seconds(features.runHooksMs)}` +
        `${features.wallMs === undefined ? '' : `, between scenarios ${seconds(Math.max(0, features.wallMs - sum - features.runHooksMs))}`}. ` +
        `Hooks = Before/After hook steps: the stacks start and stop there.`,
      '',
      '| feature | scenarios | time | of which hooks |',
      '| --- | ---: | ---: | ---: |',
      ...features.features.map((feature) => `| ${cell(feature.uri)} | ${feature.scenarios} | ${seconds(feature.ms)} | ${seconds(feature.hooksMs)} |`),
    );
  }
  return `${lines.join('\n')}\n`;
}
