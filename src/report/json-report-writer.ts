// The JSON report is the report model itself, validated by resilience-report.schema.json.
import type { ResilienceReport } from './resilience-report.js';

export const jsonReportSchemaFile = 'resilience-report.schema.json';

export function renderJsonReport(report: ResilienceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
