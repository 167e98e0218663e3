// Writes the three report files. The formatter and `faultline report` both end here, so a report
// regenerated from messages.ndjson is the report the run wrote. Here the run's report is joined
// with what lies beside it: the mutant run's results and, when asked, an earlier report to compare.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { compareReports } from './comparison.js';
import { renderHtmlReport } from './html-report-writer.js';
import { renderMarkdownSummary } from './markdown-summary-writer.js';
import { mutantResultsCandidates, mutantRun, sourceMutationScore } from './mutant-run.js';
import type { ResilienceReport } from './resilience-report.js';

export const reportFileNames = { html: 'resilience-report.html', json: 'resilience-report.json', markdown: 'summary.md' } as const;

export type ReportFiles = Record<keyof typeof reportFileNames, string>;

type Environment = Readonly<Record<string, string | undefined>>;

/** FAULTLINE_REPORTS_DIR, or `reports` under the working directory. */
export function reportsDirectory(environment: Environment = process.env): string {
  return resolve(environment.FAULTLINE_REPORTS_DIR || 'reports');
}

/** The report with its mutation checks and, with FAULTLINE_COMPARE=<previous resilience-report.json>, the comparison. */
export function completeReport(report: ResilienceReport, reportsDir: string, environment: Environment = process.env): ResilienceReport {
  const mutants = mutantRun(report, mutantResultsCandidates(reportsDir));
  const mutationScore = sourceMutationScore(reportsDir);
  const previous = environment.FAULTLINE_COMPARE;
  const { scenarios, ...head } = report;
  // Scenarios last in the JSON: what a reader wants first comes first.
  return { ...head, ...(mutants ? { mutants } : {}), ...(mutationScore ? { mutationScore } : {}), ...(previous ? { comparison: compareReports(report, resolve(previous)) } : {}), scenarios };
}

export function renderReports(report: ResilienceReport): ReportFiles {
  return { html: renderHtmlReport(report), json: `${JSON.stringify(report, null, 2)}\n`, markdown: renderMarkdownSummary(report, reportFileNames.html) };
}

// Readers (a CI step uploading artefacts, a person refreshing the page) never see half a file.
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}

/** Completes the report (completeReport), writes its files, and returns what it wrote. */
export async function writeCompleteReports(report: ResilienceReport, outDir: string): Promise<{ files: ReportFiles; report: ResilienceReport; rendered: ReportFiles }> {
  const directory = resolve(outDir);
  await mkdir(directory, { recursive: true });
  const complete = completeReport(report, directory);
  const rendered = renderReports(complete);
  const files = Object.fromEntries(Object.entries(reportFileNames).map(([kind, name]) => [kind, join(directory, name)])) as ReportFiles;
  await Promise.all(Object.entries(files).map(([kind, path]) => writeAtomically(path, rendered[kind as keyof ReportFiles])));
  return { files, report: complete, rendered };
}
