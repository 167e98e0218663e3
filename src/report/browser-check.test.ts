// Opens a generated report in real headless Chromium (DESIGN §8: self-contained, no network).
// Chromium is part of the toolchain `npm run setup` installs; without it this test fails, by design.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { checkReportInBrowser } from './browser-check.js';
import { regenerateReports } from './regenerate.js';
import { syntheticNdjson } from './synthetic-messages.js';

describe('the HTML report in headless Chromium', { timeout: 30_000 }, () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'faultline-browser-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('loads offline without a console error or a network request, and renders', async () => {
    await writeFile(join(directory, 'messages.ndjson'), syntheticNdjson());
    const { files } = await regenerateReports(join(directory, 'messages.ndjson'), directory);
    const result = await checkReportInBrowser(files.html, join(directory, 'report.png'));
    assert.deepEqual(result.consoleErrors, []);
    assert.deepEqual(result.networkRequests, []);
    assert.ok(result.screenshotBytes > 20_000, `the screenshot is only ${result.screenshotBytes} bytes`);
    // A blank page has one colour; text, badges and charts give thousands.
    assert.ok(result.distinctColours >= 50, `the screenshot has only ${result.distinctColours} colours`);
  });

  it('fails with the fix when Chromium is missing', async () => {
    await assert.rejects(
      checkReportInBrowser(join(directory, 'none.html'), join(directory, 'none.png'), { chromiumPath: join(directory, 'no-chromium') }),
      /no-chromium is missing: .*Run `npm run setup`/,
    );
  });

  it('would notice a page that fetches something or logs an error (the check can fail)', async () => {
    const leaky = join(directory, 'leaky.html');
    // 127.0.0.1:9 (discard) refuses at once: the attempt is seen without any traffic leaving the machine.
    await writeFile(leaky, '<!doctype html><title>leaky</title><p>text</p><img src="http://127.0.0.1:9/pixel.png"><script>console.error("boom")</script>');
    const result = await checkReportInBrowser(leaky, join(directory, 'leaky.png'), { settleMs: 300 });
    assert.ok(result.networkRequests.includes('http://127.0.0.1:9/pixel.png'), `requests seen: ${result.networkRequests.join(', ')}`);
    assert.ok(result.consoleErrors.some((error) => error.includes('boom')), `errors seen: ${result.consoleErrors.join('; ')}`);
  });
});
