// Writes the three report files. The formatter and `faultline report` both end here, so a report
// regenerated from messages.ndjson is the report the run wrote.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderHtmlReport } from './html-report-writer.js';
import { renderJsonReport } from './json-report-writer.js';
import { renderMarkdownSummary } from './markdown-summary-writer.js';
import type { ResilienceReport } from './resilience-report.js';

export const reportFileNames = {
  html: 'resilience-report.html',
  json: 'resilience-report.json',
  markdown: 'summary.md',
} as const;

export interface ReportFiles {
  readonly html: string;
  readonly json: string;
  readonly markdown: string;
}

/** FAULTLINE_REPORTS_DIR, or `reports` under the working directory. */
export function reportsDirectory(environment: Readonly<Record<string, string | undefined>> = process.env): string {
  return resolve(environment.FAULTLINE_REPORTS_DIR || 'reports');
}

export function renderReports(report: ResilienceReport): { html: string; json: string; markdown: string } {
  return { html: renderHtmlReport(report), json: renderJsonReport(report), markdown: renderMarkdownSummary(report, reportFileNames.html) };
}

// Readers (a CI step uploading artefacts, a person refreshing the page) never see half a file.
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}

export async function writeReports(report: ResilienceReport, outDir: string): Promise<ReportFiles> {
  const directory = resolve(outDir);
  await mkdir(directory, { recursive: true });
  const rendered = renderReports(report);
  const files = {
    html: join(directory, reportFileNames.html),
    json: join(directory, reportFileNames.json),
    markdown: join(directory, reportFileNames.markdown),
  };
  await Promise.all([
    writeAtomically(files.html, rendered.html),
    writeAtomically(files.json, rendered.json),
    writeAtomically(files.markdown, rendered.markdown),
  ]);
  return files;
}
