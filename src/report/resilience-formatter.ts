// The cucumber formatter plugin: collects the run's messages and, when cucumber cleans up after the
// run, writes the three report files into FAULTLINE_REPORTS_DIR (default: reports); on GitHub
// Actions it also fills the job summary and annotates the failed scenarios (github.ts).
//
// Its own target (the path after the colon in cucumber's `format` entry) receives the JSON report.
// Naming reports/resilience-report.json there is the usual choice; the file is then written once,
// atomically, by writeCompleteReports. Load it through resilience-formatter.mjs, which registers tsx.
import { resolve } from 'node:path';
import type { Envelope } from '@cucumber/messages';
import type { FormatterPlugin } from '@cucumber/cucumber/api';
import { publishToGitHub } from './github.js';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import { reportsDirectory, writeCompleteReports } from './write-reports.js';

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
      const { files, report, rendered } = await writeCompleteReports(collector.build(), reportsDirectory());
      await publishToGitHub(report, rendered.markdown);
      if (directory === undefined) write(`faultline: ${report.summary.headline}; report in ${files.html}\n`);
      else if (targetPath(stream) !== files.json) write(rendered.json);
    };
  },
};

export default resilienceFormatter;
