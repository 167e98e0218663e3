// After the features ran: the report of this very run opens in a real headless Chromium offline
// (no console error, no network request, a non-blank screenshot), and no secret of the run
// (API keys, passwords, tokens) appears in any file under reports/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkReportInBrowser } from '../src/report/browser-check.js';
import { findSecretLeaks } from '../src/report/secret-scan.js';

const reports = 'reports';
const html = join(reports, 'resilience-report.html');
const screenshot = join(reports, 'resilience-report.png');
const result = await checkReportInBrowser(html, screenshot);
console.log(
  `report in Chromium: ${statSync(html).size} bytes, ${result.consoleErrors.length} console errors, ` +
    `${result.networkRequests.length} network requests, screenshot ${screenshot} (${result.screenshotBytes} bytes, ${result.distinctColours} colours)`,
);
const problems: string[] = [];
if (result.consoleErrors.length > 0) problems.push(`console errors: ${result.consoleErrors.join('; ')}`);
if (result.networkRequests.length > 0) problems.push(`network requests: ${result.networkRequests.join('; ')}`);
if (result.distinctColours < 2) problems.push('the screenshot is blank');

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
const leaks = findSecretLeaks(files(reports).filter((file) => !file.endsWith('.png')).map((file) => ({ file, text: readFileSync(file, 'utf8') })));
console.log(`secret scan: ${leaks.scannedFiles} files, ${leaks.secrets} secrets of the run looked for, ${leaks.found.length} found`);
for (const leak of leaks.found) problems.push(`secret ${leak.secret} found in ${leak.file}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
