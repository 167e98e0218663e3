// The Gherkin form of `faultline explore <feature>:<line>`: a step names a scenario of the
// configuration's features; the exploration runs in a child `faultline explore` (a cucumber run of
// its own, with its own stack: one cucumber runtime cannot run another inside a step) and its
// JSON comes back as the step's result.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';
import type { ExplorationResult } from './explorer.js';

function featureFiles(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return featureFiles(path);
    return entry.endsWith('.feature') ? [path] : [];
  });
}

/** "<file>:<line>" of the scenario with this name in the features beside the configuration. */
export function locateScenario(name: string, configPath: string, cwd: string = process.cwd()): string {
  const directory = join(dirname(configPath), 'features');
  const found = featureFiles(directory).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => (/^\s*Scenario(?: Outline)?:\s*(.+?)\s*$/.exec(line)?.[1] === name ? [`${relative(cwd, file)}:${index + 1}`] : [])),
  );
  if (found.length !== 1) {
    throw new FaultlineError('FL_BAD_INPUT', `${found.length === 0 ? 'no scenario' : `${found.length} scenarios`} named "${name}" in ${relative(cwd, directory) || directory}${found.length > 1 ? ` (${found.join(', ')})` : ''}; name exactly one scenario of the configuration's features`);
  }
  return found[0]!;
}

export interface ScenarioExplorationRequest {
  readonly location: string;
  readonly configPath: string;
  readonly budgetRuns: number;
  readonly budgetSeconds: number;
  readonly seed: number;
  readonly timeoutMs: number;
}

/** Runs `faultline explore <location>` in a child process and reads the exploration it wrote. */
export async function exploreScenarioInChild(request: ScenarioExplorationRequest): Promise<ExplorationResult> {
  const directory = mkdtempSync(join(tmpdir(), 'faultline-explore-'));
  const out = join(directory, 'exploration.json');
  const args = [join(projectRoot, 'bin', 'faultline.mjs'), 'explore', request.location, '--budget-runs', String(request.budgetRuns), '--budget-seconds', String(request.budgetSeconds), '--seed', String(request.seed), '--out', out];
  try {
    const { code, output } = await runChild(process.execPath, args, { ...process.env, FAULTLINE_CONFIG: request.configPath }, request.timeoutMs);
    let text: string;
    try {
      text = readFileSync(out, 'utf8');
    } catch {
      throw new Error(`faultline explore ${request.location} exited ${code} without writing its exploration:\n${output.split('\n').slice(-30).join('\n')}`);
    }
    return JSON.parse(text) as ExplorationResult;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A child's exit code and its stdout and stderr together; its process group gets SIGTERM once `timeoutMs` has passed (exit code null). */
function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // A group of its own: a shell's npx and node go with it when the time is up.
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ code: exitCode, output });
    });
  });
}

/** A command line as a user would paste it (a counterexample's replay command), run by sh in the current directory. */
export function runShellCommand(commandLine: string, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return runChild('sh', ['-c', commandLine], process.env, timeoutMs);
}
