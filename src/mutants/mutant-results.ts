import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';

export interface MutantResult {
  readonly name: string;
  readonly breaks: string;
  readonly tags: string;
  readonly killed: boolean;
  readonly killedBy: readonly string[];
  /** Failures at a Then other than the mutant's `killedAt`: it survived them (absent in results written before). */
  readonly killedElsewhere?: readonly string[];
  readonly brokenScenarios: readonly string[];
  readonly scenarios: number;
  readonly durationMs: number;
}

/** Where `npm run test:mutants` writes its results (the mutation feature reads them). */
export const mutantResultsPath = join(projectRoot, 'reports', 'mutants', 'results.json');

/** The results file's text: when it was written and at which commit (absent outside a git checkout), so that a later report can say how old they are. */
export function mutantResultsJson(results: readonly MutantResult[], extra: Record<string, unknown> = {}): string {
  let commit: string | undefined;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    commit = undefined;
  }
  return `${JSON.stringify({ writtenAt: new Date().toISOString(), ...(commit ? { commit } : {}), ...extra, results }, null, 2)}\n`;
}
