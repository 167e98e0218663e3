// Shows that a sharded run merges into the run it replaces: the tip jar's features run once whole
// and once as `--shard 1/2` + `--shard 2/2` (each a cucumber process with its own stack, as two CI
// machines would run them), then `faultline report merge` joins the shards. The merged report must
// hold exactly the whole run's scenarios with the same verdicts, each shard a disjoint part of them,
// the merged JUnit file one test case per scenario, and the merged messages rebuild the same report. Small and fast on purpose: the tip jar's six
// scenarios run in well under a minute, so `npm test` pays little for it.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/project-root.js';
import { mergeReports } from '../src/shards/merge-reports.js';
import { regenerateReports } from '../src/report/regenerate.js';
import type { ResilienceReport } from '../src/report/resilience-report.js';

const dir = join(projectRoot, 'reports', 'shards');
const config = join(projectRoot, 'fixtures', 'tip-jar', 'faultline.config.ts');
const cli = join(projectRoot, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
rmSync(dir, { recursive: true, force: true });

async function cucumber(name: string, extra: readonly string[]): Promise<{ dir: string; code: number | null; seconds: number }> {
  const reports = join(dir, name);
  const started = performance.now();
  console.log(`\n== ${name}: cucumber-js --profile tipJarCi ${extra.join(' ')}`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--profile', 'tipJarCi', ...extra], {
      cwd: projectRoot,
      env: { ...process.env, FAULTLINE_CONFIG: config, FAULTLINE_REPORTS_DIR: reports },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  return { dir: reports, code, seconds: (performance.now() - started) / 1000 };
}

const scenarioVerdicts = (report: ResilienceReport) => report.scenarios.map((scenario) => `${scenario.feature.uri} › ${scenario.name}: ${scenario.verdict}`);
const readReport = (reports: string) => JSON.parse(readFileSync(join(reports, 'resilience-report.json'), 'utf8')) as ResilienceReport;

/**
 * `--whole <dir>`: the whole run is one already made (npm test passes the tip jar's own run of
 * test:features, reports/tip-jar, so that it is not run twice); otherwise it is run here.
 */
function earlierWholeRun(): { dir: string; code: number | null; seconds: number } | undefined {
  const at = process.argv.indexOf('--whole');
  if (at < 0) return undefined;
  const reports = join(projectRoot, process.argv[at + 1] ?? '');
  const report = readReport(reports);
  return { dir: reports, code: report.run.success === true ? 0 : 1, seconds: 0 };
}

/**
 * `--tags <expression>`: the shards run only these scenarios, and the whole run is compared on the
 * same ones (npm test leaves the tip jar's explorer out: a minute of runs that sharding changes nothing in).
 */
const tagsAt = process.argv.indexOf('--tags');
const tags = tagsAt < 0 ? undefined : process.argv[tagsAt + 1];
const tagArgs = tags === undefined ? [] : ['--tags', tags];

const started = performance.now();
const whole = earlierWholeRun() ?? (await cucumber('whole', tagArgs));
const shards = [await cucumber('shard-1', ['--shard', '1/2', ...tagArgs]), await cucumber('shard-2', ['--shard', '2/2', ...tagArgs])];
const merged = await mergeReports(shards.map((shard) => shard.dir), join(dir, 'merged'));

const problems: string[] = [];
// Scenarios of the whole run the tag expression leaves out (only plain "not @tag" parts are understood).
const excluded = (tags ?? '').match(/not\s+(@[\w-]+)/g)?.map((part) => part.replace(/^not\s+/, '')) ?? [];
const wholeReport = readReport(whole.dir);
const expected = scenarioVerdicts({ ...wholeReport, scenarios: wholeReport.scenarios.filter((scenario) => !scenario.tags.some((tag) => excluded.includes(tag))) });
const got = scenarioVerdicts(merged.report);
if (expected.length === 0) problems.push('the whole run ran no scenario');
if (got.join('\n') !== expected.join('\n')) {
  problems.push(`the merged report differs from the whole run:\n    whole:  ${expected.join('\n            ')}\n    merged: ${got.join('\n            ')}`);
}
const perShard = shards.map((shard) => readReport(shard.dir).scenarios.map((scenario) => `${scenario.feature.uri} › ${scenario.name}`));
const all = perShard.flat();
if (new Set(all).size !== all.length) problems.push('a scenario ran in both shards');
if (perShard.some((names) => names.length === 0)) problems.push(`a shard ran no scenario (${perShard.map((names) => names.length).join(' + ')})`);
const junitCases = (readFileSync(merged.files.junit, 'utf8').match(/<testcase\b/g) ?? []).length;
if (junitCases !== expected.length) problems.push(`merged junit.xml has ${junitCases} test cases, expected ${expected.length}`);
if (!readFileSync(merged.files.cucumberHtml, 'utf8').includes('</html>')) problems.push('merged cucumber.html is not a whole HTML page');
// The merged messages.ndjson is a run of its own: `faultline report` rebuilds the same report from it.
const regenerated = await regenerateReports(merged.files.messages, join(dir, 'regenerated'));
if (readFileSync(regenerated.files.json, 'utf8') !== readFileSync(merged.files.json, 'utf8')) problems.push('the report rebuilt from the merged messages.ndjson differs from the merged report');
const wholeSuccess = excluded.length === 0 ? whole.code === 0 : expected.every((line) => line.endsWith(': passed'));
if ((merged.report.run.success === true) !== wholeSuccess) problems.push(`the merged run's success (${merged.report.run.success}) differs from the whole run's exit code (${whole.code})`);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\nshard merge: whole run ${expected.length} scenarios in ${whole.seconds.toFixed(1)} s; ` +
    shards.map((shard, index) => `shard ${index + 1}/2 ${perShard[index]!.length} scenarios in ${shard.seconds.toFixed(1)} s`).join(', ') +
    `; merge ${Math.round(merged.durationMs)} ms into ${join(dir, 'merged')}; ${seconds} s in all`,
);
if (problems.length > 0) {
  console.error(`shard merge: FAILED\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`shard merge: the merged report holds the whole run's ${expected.length} scenarios with the same verdicts`);
}
