// The cucumber formatter plugin: collects the run's messages and, when cucumber cleans up after the
// run, writes the three report files into FAULTLINE_REPORTS_DIR (default: reports).
//
// Its own target (the path after the colon in cucumber's `format` entry) receives the JSON report.
// Naming reports/resilience-report.json there is the usual choice; the file is then written once,
// atomically, by writeReports. Load it through resilience-formatter.mjs, which registers tsx.
import { resolve } from 'node:path';
import type { FormatterPlugin } from '@cucumber/cucumber/api';
import type { Envelope } from './cucumber-envelope.js';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import { renderJsonReport } from './json-report-writer.js';
import { reportsDirectory, writeReports } from './write-reports.js';

function targetPath(stream: NodeJS.WritableStream): string | undefined {
  const path = (stream as { path?: unknown }).path;
  return typeof path === 'string' ? resolve(path) : undefined;
}

const resilienceFormatter: FormatterPlugin = {
  type: 'formatter',
  formatter({ on, write, stream, directory }) {
    const collector = new ReportCollector(Redactor.fromEnvironment(process.env));
    on('message', (envelope) => collector.add(envelope as Envelope));
    // Cucumber awaits this after testRunFinished and before it closes our stream.
    return async () => {
      const report = collector.build();
      const files = await writeReports(report, reportsDirectory());
      const target = directory === undefined ? undefined : targetPath(stream);
      if (directory === undefined) {
        write(`faultline: resilience report in ${files.html} (${report.summary.byVerdict.passed}/${report.summary.scenarios} scenarios passed)\n`);
      } else if (target !== files.json) {
        write(renderJsonReport(report));
      }
    };
  },
};

export default resilienceFormatter;
