// Mutants a user declares in their own configuration (`mutants: [...]`, see MutantConfig), and
// `faultline test --mutants`, which runs each against the scenarios of its tags the way
// `npm run test:mutants` runs the reference service's catalog: a mutant is killed only when one
// of those scenarios fails in a Then step (mutant-verdicts.ts).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FaultlineConfig, MutantConfig } from '../config/config.js';
import { mutantVariable } from '../config/configured-mutant.js';
import { asCatalogMutant } from './mutant-catalog.js';
import { mutantRunVerdict } from './mutant-verdicts.js';
import { mutantResultsJson, type MutantResult } from './mutant-results.js';

/** Runs cucumber-js (the caller's way: its working directory, features and configuration) with extra arguments and environment. */
export type CucumberRunner = (args: readonly string[], env: Readonly<Record<string, string>>) => Promise<number>;

/**
 * `faultline test --mutants`: every mutant of the configuration (or those named in `only`) against
 * its tags. Writes <reports>/mutants/<configuration>/<mutant>/ per mutant and
 * <reports>/mutants/<configuration>/results.json, prints
 * the verdicts as `npm run test:mutants` does, and resolves with 1 if one survived.
 */
export async function testConfiguredMutants(
  config: FaultlineConfig,
  cucumberArgs: readonly string[],
  runCucumber: CucumberRunner,
  options: { readonly only?: readonly string[]; readonly reportsDir: string },
): Promise<number> {
  const declared = config.mutants ?? [];
  const selected = options.only && options.only.length > 0 ? declared.filter((mutant) => options.only!.includes(mutant.name)) : declared;
  if (selected.length === 0) {
    console.error(
      declared.length === 0
        ? `${config.name} declares no mutants: add \`mutants: [{ name, environment | image | build, tags }]\` to its configuration (see docs/configuration.md)`
        : `no mutant named ${options.only!.join(', ')}; ${config.name} declares ${declared.map((mutant) => mutant.name).join(', ')}`,
    );
    return 2;
  }
  // Under the configuration's own name, so that the reference catalog's reports/mutants/results.json
  // (which the mutation feature reads) is never overwritten by another configuration's mutants.
  const root = join(options.reportsDir, 'mutants', configSlug(config.name));
  const results: MutantResult[] = [];
  for (const mutant of selected) {
    const dir = join(root, mutant.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const messages = join(dir, 'mutant-messages.ndjson');
    const described = asCatalogMutant(mutant);
    console.log(`\nmutant ${mutant.name}: ${described.breaks}; running ${mutant.tags}`);
    const started = performance.now();
    await runCucumber([...cucumberArgs, '--fail-fast', '--tags', mutant.tags, '--format', `message:${messages}`], { [mutantVariable]: mutant.name, FAULTLINE_REPORTS_DIR: dir });
    const verdict = mutantRunVerdict(readFileSync(messages, 'utf8'));
    const killed = verdict.killedBy.length > 0;
    console.log(`mutant ${mutant.name}: ${killed ? `KILLED by ${verdict.killedBy.length} scenario(s)` : verdict.scenarios === 0 ? `SURVIVED: no scenario matches ${mutant.tags}` : 'SURVIVED'}`);
    results.push({ name: mutant.name, breaks: described.breaks, tags: mutant.tags, killed, ...verdict, durationMs: Math.round(performance.now() - started) });
  }
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'results.json'), mutantResultsJson(results, { config: config.name }));
  writeFileSync(join(root, 'summary.md'), mutantSummaryMarkdown(config.name, results));
  console.log(`\nmutation checks of ${config.name}:`);
  for (const line of mutantSummaryLines(results)) console.log(line);
  console.log(`results in ${join(root, 'results.json')}, for a CI job summary ${join(root, 'summary.md')}`);
  return results.every((result) => result.killed) ? 0 : 1;
}

/** A configuration's name as a directory name: "tip jar" -> "tip-jar". */
export function configSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'configuration';
}

/** The table `npm run test:mutants` prints: one line per mutant, then the totals. */
export function mutantSummaryLines(results: readonly MutantResult[]): string[] {
  const survivors = results.filter((result) => !result.killed).length;
  return [
    ...results.map(
      (result) =>
        `  ${result.killed ? 'killed  ' : 'SURVIVED'} ${result.name.padEnd(24)} ${(result.durationMs / 1000).toFixed(1)} s  ${result.killedBy[0] ?? (result.killedElsewhere?.[0] ? `unrelated step: ${result.killedElsewhere[0]}` : undefined) ?? result.brokenScenarios[0] ?? ''}`.trimEnd(),
    ),
    `${results.length - survivors} passed, ${survivors} failed`,
  ];
}

const markdownCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The verdicts as Markdown, for a CI job summary (`cat reports/mutants/<configuration>/summary.md >> "$GITHUB_STEP_SUMMARY"`). */
export function mutantSummaryMarkdown(configName: string, results: readonly MutantResult[]): string {
  const survivors = results.filter((result) => !result.killed).length;
  return [
    `## ${survivors === 0 ? '✅' : '❌'} Mutation checks of ${markdownCell(configName)}: ${results.length - survivors} killed, ${survivors} survived`,
    '',
    '| Verdict | Mutant | What it breaks | Killed by | Duration |',
    '|---|---|---|---|---:|',
    ...results.map(
      (result) =>
        `| ${result.killed ? '✅ killed' : '❌ survived'} | ${markdownCell(result.name)} | ${markdownCell(result.breaks)} | ${markdownCell(result.killedBy[0] ?? (result.killedElsewhere?.[0] ? `(survived: failed only at an unrelated step, ${result.killedElsewhere[0]})` : undefined) ?? (result.brokenScenarios[0] ? `(broken: ${result.brokenScenarios[0]})` : `no scenario of ${result.tags} failed in a Then step`))} | ${(result.durationMs / 1000).toFixed(1)} s |`,
    ),
    '',
  ].join('\n');
}
