// The mutation checks section: the mutant run's results file (src/mutants/run-mutants.ts writes it),
// from this run or saved earlier with its date and commit, else what the mutation feature attached.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { mutants } from '../mutants/mutant-catalog.js';
import { mutantResultsPath } from '../mutants/mutant-results.js';
import type { MutantEvidence } from './evidence.js';
import { formatDateTime } from './report-format.js';
import { mutationScoreSchema, type MutationScoreResults } from '../mutants/mutation-score-results.js';
import type { MutantRun, ResilienceReport } from './resilience-report.js';

const resultsFileSchema = z.object({
  writtenAt: z.string().optional(),
  commit: z.string().optional(),
  results: z.array(z.object({ name: z.string(), breaks: z.string().optional(), killed: z.boolean(), killedBy: z.array(z.string()).default([]), killedElsewhere: z.array(z.string()).optional() })),
});

/** "features/x.feature › Scenario name (at "Then step")", as run-mutants writes killedBy. */
function killer(text: string | undefined): { scenario?: string; step?: string } {
  const parts = text === undefined ? undefined : /^(?:.*? › )?(.*?)(?: \(at "(.*)"\))?$/.exec(text);
  return { ...(parts?.[1] ? { scenario: parts[1] } : {}), ...(parts?.[2] ? { step: parts[2] } : {}) };
}

/** Where the results may be: the reports directory's own, a configuration's (faultline test --mutants), then the reference suite's. */
export function mutantResultsCandidates(reportsDir: string): string[] {
  const configured = existsSync(join(reportsDir, 'mutants')) ? readdirSync(join(reportsDir, 'mutants')).map((name) => join(reportsDir, 'mutants', name, 'results.json')) : [];
  return [join(reportsDir, 'mutants', 'results.json'), ...configured, mutantResultsPath];
}

export function mutantRun(report: ResilienceReport, candidates: readonly string[]): MutantRun | undefined {
  const path = candidates.find((candidate) => existsSync(candidate));
  const file = path === undefined ? undefined : resultsFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (file?.success) {
    const writtenAt = file.data.writtenAt === undefined ? Number.NaN : Date.parse(file.data.writtenAt);
    const inThisRun = report.run.startedAt !== undefined && writtenAt >= report.run.startedAt && writtenAt <= (report.run.finishedAt ?? Date.now()) + 60_000;
    return {
      source: inThisRun ? 'this run' : 'saved results',
      ...(file.data.writtenAt ? { writtenAt: file.data.writtenAt } : {}),
      ...(file.data.commit ? { commit: file.data.commit } : {}),
      results: [
        ...file.data.results.map((result) => ({ name: result.name, ...(result.breaks ? { breaks: result.breaks } : {}), killed: result.killed, ...killer(result.killedBy[0]) })),
        // `npm run test:mutants <name>` writes only the mutants it ran: the rest of the catalog is said not to have run.
        ...(path === mutantResultsPath ? mutants.filter((mutant) => !file.data.results.some((result) => result.name === mutant.name)) : []).map((mutant) => ({ name: mutant.name, breaks: mutant.breaks, killed: false, notRun: true })),
      ],
    };
  }
  const attached = report.scenarios.flatMap((scenario) => scenario.evidence?.mutants ?? []);
  if (attached.length === 0) return undefined;
  return { source: 'scenario evidence', results: attached.map((mutant) => ({ name: mutant.name, killed: mutant.killed, ...killer(mutant.killedBy) })) };
}

/** The mutation checks in one sentence, where their results come from, and the tone: as every writer says them. */
export function mutantRunWords(run: MutantRun): { headline: string; source: string; tone: 'good' | 'near' | 'bad' } {
  const notRun = run.results.filter((result) => result.notRun).length;
  const ran = run.results.length - notRun;
  const survivors = run.results.filter((result) => !result.killed && !result.notRun).length;
  const headline =
    (survivors === 0 ? `${ran === 1 ? 'The one broken configuration that ran was' : `All ${ran} broken configurations that ran were`} caught by a failing scenario.` : `${survivors} of ${ran} broken configurations passed the suite unnoticed: the suite cannot fail for them.`) +
    (notRun > 0 ? ` ${notRun} of the catalog did not run (npm run test:mutants runs them all).` : '');
  const source = run.source === 'this run' ? 'this run' : `${run.source}${run.writtenAt ? ` of ${formatDateTime(Date.parse(run.writtenAt))}` : ''}${run.commit ? `, commit ${run.commit}` : ''}`;
  return { headline, source, tone: survivors > 0 ? 'bad' : notRun > 0 ? 'near' : 'good' };
}

/** Reads the last mutant run's results and checks that every mutant of the catalog was killed. */
export function checkMutantResults(path = mutantResultsPath, maxAgeMs = 6 * 3600_000): { evidence: MutantEvidence[]; problems: string[] } {
  let results: z.infer<typeof resultsFileSchema>['results'];
  try {
    if (Date.now() - statSync(path).mtimeMs > maxAgeMs) {
      return { evidence: [], problems: [`${path} is older than ${maxAgeMs / 3600_000} h: run \`npm run test:mutants\` again`] };
    }
    results = resultsFileSchema.parse(JSON.parse(readFileSync(path, 'utf8'))).results;
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

/** The source-level mutation score saved in the reports directory (npm run test:mutation-score), if any. */
export function sourceMutationScore(reportsDir: string): MutationScoreResults | undefined {
  const path = join(reportsDir, 'mutation-score', 'results.json');
  if (!existsSync(path)) return undefined;
  const parsed = mutationScoreSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/** The mutation score in one sentence and its tone, as every writer says it. */
export function mutationScoreWords(score: MutationScoreResults): { headline: string; source: string; tone: 'good' | 'near' | 'bad'; subset?: string } {
  const measured = score.modules.length;
  const whole = measured + score.notMeasured.length;
  const headline =
    score.score === null
      ? 'No module was measured in this checkout yet (npm run test:mutation-score, about an hour on 2 cores).'
      : `Mutation score ${score.score} % over ${measured} of ${whole} resilience modules: ${score.killed + score.timeout} source mutants killed in a Then, ${score.survived + score.noCoverage + score.errors} not${score.ignored > 0 ? `, ${score.ignored} left out (equivalent, cannot run, planted-defect code, log messages)` : ''}.`;
  const subset = score.subset;
  const subsetWords = subset
    ? `npm test's subset, one mutant per module: ${subset.notKilled === 0 ? `all ${subset.killed}` : `${subset.killed} of ${subset.killed + subset.notKilled}`} killed in a Then, in ${(subset.totalMs / 1000).toFixed(0)} s (budget ${(subset.budgetMs / 1000).toFixed(0)} s), ${formatDateTime(Date.parse(subset.writtenAt))}.`
    : undefined;
  const source = `npm run test:mutation-score of ${formatDateTime(Date.parse(score.writtenAt))}${score.commit ? `, commit ${score.commit}` : ''}`;
  const tone = subset !== undefined && subset.notKilled > 0 ? 'bad' : score.score === null ? 'near' : score.score >= 90 && score.notMeasured.length === 0 ? 'good' : score.score >= 80 ? 'near' : 'bad';
  return { headline, source, tone, ...(subsetWords ? { subset: subsetWords } : {}) };
}
