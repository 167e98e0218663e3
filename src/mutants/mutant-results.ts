import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import type { MutantEvidence } from '../report/evidence.js';
import { mutants } from './mutant-catalog.js';
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

export interface MutantCheck {
  readonly evidence: MutantEvidence[];
  readonly problems: string[];
}

/** Reads the last mutant run's results and checks that every mutant of the catalog was killed. */
export function checkMutantResults(path = mutantResultsPath, maxAgeMs = 6 * 3600_000): MutantCheck {
  let results: MutantResult[];
  try {
    if (Date.now() - statSync(path).mtimeMs > maxAgeMs) {
      return { evidence: [], problems: [`${path} is older than ${maxAgeMs / 3600_000} h: run \`npm run test:mutants\` again`] };
    }
    results = (JSON.parse(readFileSync(path, 'utf8')) as { results: MutantResult[] }).results;
  } catch (error) {
    return { evidence: [], problems: [`no mutant results at ${path} (${(error as Error).message}): run \`npm run test:mutants\` first`] };
  }
  const problems: string[] = [];
  const evidence = mutants.map((mutant): MutantEvidence => {
    const result = results.find((candidate) => candidate.name === mutant.name);
    if (!result) problems.push(`mutant ${mutant.name} was not run`);
    else if (!result.killed) {
      const elsewhere = result.killedElsewhere?.[0];
      problems.push(`mutant ${mutant.name} (${mutant.breaks}) survived ${mutant.tags}${elsewhere ? `: it failed only at an unrelated step, ${elsewhere}, not at the one expected ("${String(mutant.killedAt)}")` : ''}`);
    }
    return {
      name: `${mutant.name}: ${mutant.breaks}`,
      killed: result?.killed ?? false,
      ...(result?.killedBy[0] === undefined ? {} : { killedBy: result.killedBy[0] }),
    };
  });
  return { evidence, problems };
}
