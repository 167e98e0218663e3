// After the features ran: the report of this very run opens in a real headless Chromium offline
// (no console error, no network request, the summary on the first screen, a section for every
// scenario, charts with a size, no unformatted value), and no secret of the run (API keys,
// passwords, tokens) appears in any file under reports/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { browserCheckProblems, checkReportInBrowser } from './browser-check.js';
import type { ResilienceReport } from '../src/report/resilience-report.js';
import { findSecretLeaks } from './secret-scan.js';

const reports = 'reports';
const html = join(reports, 'resilience-report.html');
const report = JSON.parse(readFileSync(join(reports, 'resilience-report.json'), 'utf8')) as ResilienceReport;
const screenshot = join(reports, 'report-first-screen.png');
const result = await checkReportInBrowser(html, screenshot, { expectedScenarios: report.scenarios.map((scenario) => scenario.name) });
console.log(
  `report in Chromium: ${statSync(html).size} bytes, ${result.consoleErrors.length} console errors, ${result.networkRequests.length} network requests, ` +
    `${result.scenarioSections} scenario sections for ${report.scenarios.length} scenarios, ${result.charts} charts, first screen in ${screenshot} (${result.screenshotBytes} bytes)`,
);
const problems: string[] = browserCheckProblems(result);

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]));
const leaks = findSecretLeaks(files(reports).filter((file) => !file.endsWith('.png')).map((file) => ({ file, text: readFileSync(file, 'utf8') })));
console.log(`secret scan: ${leaks.scannedFiles} files, ${leaks.secrets} secrets of the run looked for, ${leaks.found.length} found`);
for (const leak of leaks.found) problems.push(`secret ${leak.secret} found in ${leak.file}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
