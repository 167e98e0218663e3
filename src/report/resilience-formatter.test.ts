// Runs the real cucumber-js with the formatter listed in `format`, as cucumber.mjs lists it,
// serially and with --parallel, on a throwaway project whose steps attach evidence.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { evidenceMediaType } from './evidence.js';
import { regenerateReports } from './regenerate.js';
import type { ResilienceReport } from './resilience-report.js';

const require = createRequire(import.meta.url);
const cucumberPackage = dirname(require.resolve('@cucumber/cucumber/package.json'));
const cucumberBin = join(cucumberPackage, 'bin', 'cucumber.js');
const cucumberModule = pathToFileURL(join(cucumberPackage, 'lib', 'wrapper.mjs')).href;
const formatterEntry = fileURLToPath(new URL('./resilience-formatter.mjs', import.meta.url));

const feature = `Feature: Demo of the resilience formatter
  Scenario: A latency fault is tolerated
    Given the payment link gets 200ms of latency
    Then orders still succeed

  Scenario: A link going down is not handled
    Given the payment link goes down
    Then orders fail fast

  Scenario Outline: <count> orders under <toxic>
    Given the payment link gets <toxic>
    Then orders still succeed

    Examples:
      | count | toxic      |
      | 5     | slow_close |
      | 10    | bandwidth  |
`;

const steps = `
import { After, Given, Then, World, setWorldConstructor } from ${JSON.stringify(cucumberModule)};

setWorldConstructor(class extends World {
  evidence = { schemaVersion: 2, faults: [], requests: [], measurements: [], service: { configuration: { DB_PASSWORD: 'not-for-reports-42' } }, notes: {} };
});

Given(/^the payment link gets (.+)$/, function (what) {
  const at = Date.now();
  this.evidence.faults.push({ kind: 'toxic:' + what.split(' ').pop(), target: 'payment', description: what, parameters: {}, injectedAt: at, removedAt: at + 50 });
  this.evidence.requests.push({ label: 'order', method: 'POST', path: '/orders', startedAt: at + 1, durationMs: 210, status: 201 });
});
Given('the payment link goes down', function () {
  this.evidence.faults.push({ kind: 'link-down', target: 'payment', description: 'down', parameters: {}, injectedAt: Date.now() });
});
Then('orders still succeed', function () {
  this.evidence.measurements.push({ label: 'orders that succeeded', measured: 5, unit: 'requests', bound: 'all 5', ok: true });
});
Then('orders fail fast', function () {
  this.evidence.measurements.push({ label: 'time to fail', measured: 1480, unit: 'ms', bound: '..500 ms', ok: false });
  throw new Error('time to fail: measured 1480 ms, expected at most 500 ms');
});
After(function ({ result }) {
  if (result?.status === 'FAILED') this.evidence.diagnostics = { logs: { 'order-service': 'boom' }, toxiproxy: {} };
  this.attach(JSON.stringify(this.evidence), ${JSON.stringify(evidenceMediaType)});
});
`;

function runCucumber(project: string, extraArgs: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cucumberBin, '--config', 'cucumber.json', ...extraArgs],
      { cwd: project, env: { ...process.env, GITHUB_STEP_SUMMARY: '', GITHUB_ACTIONS: '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

async function project(root: string, name: string, format: string[]): Promise<string> {
  const directory = join(root, name);
  await mkdir(join(directory, 'features'), { recursive: true });
  await mkdir(join(directory, 'steps'), { recursive: true });
  await writeFile(join(directory, 'features', 'demo.feature'), feature);
  await writeFile(join(directory, 'steps', 'demo.steps.mjs'), steps);
  await writeFile(join(directory, 'cucumber.json'), JSON.stringify({ default: { paths: ['features/**/*.feature'], import: ['steps/*.mjs'], format } }));
  return directory;
}

async function readReport(path: string): Promise<ResilienceReport> {
  return JSON.parse(await readFile(path, 'utf8')) as ResilienceReport;
}

describe('the resilience formatter in a real cucumber run', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'faultline-formatter-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the three reports into reports/ and matches a regeneration from messages.ndjson', async () => {
    const directory = await project(root, 'serial', [`${formatterEntry}:reports/resilience-report.json`, 'message:reports/messages.ndjson']);
    const stepSummary = join(directory, 'step-summary.md');
    const run = await runCucumber(directory, [], { FAULTLINE_REPORTS_DIR: '', GITHUB_STEP_SUMMARY: stepSummary });
    assert.equal(run.code, 1, `cucumber should fail (one scenario fails):\n${run.output}`);
    const report = await readReport(join(directory, 'reports', 'resilience-report.json'));
    assert.deepEqual(
      report.scenarios.map((scenario) => [scenario.name, scenario.verdict]),
      [
        ['A latency fault is tolerated', 'passed'],
        ['A link going down is not handled', 'failed'],
        ['5 orders under slow_close', 'passed'],
        ['10 orders under bandwidth', 'passed'],
      ],
    );
    assert.equal(report.scenarios[1]?.steps[1]?.error?.includes('measured 1480 ms'), true);
    assert.equal(report.scenarios[1]?.evidence?.faults[0]?.kind, 'link-down');
    assert.equal(report.summary.resilienceScore.percent, 75);
    const html = await readFile(join(directory, 'reports', 'resilience-report.html'), 'utf8');
    const markdown = await readFile(join(directory, 'reports', 'summary.md'), 'utf8');
    assert.match(html, /<article class="scenario failed"/);
    assert.match(markdown, /^## ❌ Not resilient: /);
    assert.match(markdown, /\n- ❌ \*\*other\*\* › A link going down is not handled \(`features\/demo\.feature:6`, failed\): `Then orders fail fast`: time to fail: measured 1480 ms/);
    // On GitHub Actions: the summary in the job summary, the failure as an annotation on its line.
    assert.equal(await readFile(stepSummary, 'utf8'), `${markdown}\n`);
    assert.match(run.output, /^::error file=features\/demo\.feature,line=6,title=other%3A A link going down is not handled failed::Then orders fail fast: time to fail: measured 1480 ms, expected at most 500 ms%0Atime to fail: 1\.48 s, expected \.\.500 ms$/m);
    for (const text of [html, markdown, JSON.stringify(report)]) assert.ok(!text.includes('not-for-reports-42'));

    const regenerated = await regenerateReports(join(directory, 'reports', 'messages.ndjson'), join(directory, 'regenerated'));
    assert.equal(await readFile(regenerated.files.json, 'utf8'), await readFile(join(directory, 'reports', 'resilience-report.json'), 'utf8'));
    assert.equal(await readFile(regenerated.files.html, 'utf8'), html);
  });

  it('works with --parallel and honours FAULTLINE_REPORTS_DIR', async () => {
    const directory = await project(root, 'parallel', [`${formatterEntry}:reports/faultline.json`]);
    const run = await runCucumber(directory, ['--parallel', '2'], { FAULTLINE_REPORTS_DIR: 'ci-reports' });
    assert.equal(run.code, 1, run.output);
    const report = await readReport(join(directory, 'ci-reports', 'resilience-report.json'));
    assert.equal(report.scenarios.length, 4);
    assert.deepEqual(report.summary.byVerdict.passed, 3);
    assert.ok(report.scenarios.every((scenario) => scenario.evidence !== undefined), 'evidence from parallel workers was lost');
    await readFile(join(directory, 'ci-reports', 'resilience-report.html'), 'utf8');
    await readFile(join(directory, 'ci-reports', 'summary.md'), 'utf8');
    // The formatter's own target gets the JSON report too.
    assert.deepEqual(await readReport(join(directory, 'reports', 'faultline.json')), report);
  });
});
