// Opens a generated report in real headless Chromium (DESIGN §8: self-contained, no network).
// Chromium is part of the toolchain `npm run setup` installs; without it this test fails, by design.
// The checker is test tooling (scripts/browser-check.ts, not shipped); this test of the report uses it.
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { browserCheckProblems, checkReportInBrowser, findChromium } from '../../scripts/browser-check.js';
import { regenerateReports } from './regenerate.js';
import { syntheticNdjson } from '../../test/fixtures/synthetic-messages.js';

describe('the HTML report in headless Chromium', { timeout: 60_000 }, () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'faultline-browser-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('loads offline without an error or a request, with the summary on the first screen, every scenario and every chart', async () => {
    await writeFile(join(directory, 'messages.ndjson'), syntheticNdjson());
    const { files, report } = await regenerateReports(join(directory, 'messages.ndjson'), directory);
    const screenshot = join(directory, 'first-screen.png');
    const result = await checkReportInBrowser(files.html, screenshot, { expectedScenarios: report.scenarios.map((scenario) => scenario.name) });
    assert.deepEqual(browserCheckProblems(result), []);
    assert.ok(result.scenarioSections >= report.scenarios.length, `${result.scenarioSections} scenario sections`);
    assert.ok(result.charts > 0, 'the synthetic run has charts');
    assert.equal((await stat(screenshot)).size, result.screenshotBytes);
  });

  it('fails with the fix when Chromium is missing', async () => {
    await assert.rejects(findChromium(join(directory, 'no-chromium')), /no-chromium is missing: .*Run `npm run setup`/);
    await assert.rejects(
      checkReportInBrowser(join(directory, 'none.html'), join(directory, 'none.png'), { chromiumPath: join(directory, 'no-chromium') }),
      /no-chromium is missing/,
    );
  });

  it('notices a page that fetches something or logs an error (the check can fail)', async () => {
    const leaky = join(directory, 'leaky.html');
    // 127.0.0.1:9 (discard) refuses at once, and the page is offline anyway: nothing leaves the machine.
    await writeFile(leaky, '<!doctype html><title>leaky</title><main><section><h2>Summary</h2></section></main><img src="http://127.0.0.1:9/pixel.png"><script>console.error("boom")</script>');
    const result = await checkReportInBrowser(leaky, join(directory, 'leaky.png'), { settleMs: 300 });
    assert.ok(result.networkRequests.includes('http://127.0.0.1:9/pixel.png'), `requests seen: ${result.networkRequests.join(', ')}`);
    assert.ok(result.failedRequests.some((failure) => failure.startsWith('http://127.0.0.1:9/pixel.png')), `failures seen: ${result.failedRequests.join(', ')}`);
    assert.ok(result.consoleErrors.some((error) => error.includes('boom')), `errors seen: ${result.consoleErrors.join('; ')}`);
  });

  it('notices a summary below the first screen, a missing scenario, a chart without size and unformatted values', async () => {
    const broken = join(directory, 'broken.html');
    await writeFile(
      broken,
      '<!doctype html><title>broken</title><main><section style="margin-top:2000px"><h2>Summary</h2><p>score NaN %</p></section>' +
        '<section><h2>Scenario details</h2><article><h3>Orders survive latency</h3><svg style="width:0;height:0"></svg><p>took undefined ms</p>' +
        '<span class="badge undefined">undefined</span><p>[object Object]</p></article></section></main>',
    );
    const result = await checkReportInBrowser(broken, join(directory, 'broken.png'), { expectedScenarios: ['Orders survive latency', 'Orders survive a dead link'], settleMs: 100 });
    const problems = result.pageProblems.join('\n');
    assert.match(problems, /summary starts at \d+ px, below the first screen/);
    assert.match(problems, /2 scenarios ran, but the page has 1 scenario sections/);
    assert.match(problems, /no scenario section names “Orders survive a dead link”/);
    assert.match(problems, /chart .* has no size/);
    assert.match(problems, /unformatted value in the text: “score NaN %”/);
    assert.match(problems, /unformatted value in the text: “took undefined ms”/);
    assert.match(problems, /unformatted value in the text: “\[object Object\]”/);
    // The verdict "undefined" on a badge marked with it is not a formatting mistake.
    assert.equal(result.pageProblems.filter((problem) => problem.includes('“undefined”')).length, 0);
  });
});
