// The cucumber formatter plugin that replaces cucumber's `progress` dots: one line per scenario as
// it ends (verdict, count, name, duration, time left), then the totals, where the resilience report
// is and its score. Load it through progress-formatter.mjs, which registers tsx.
import { join } from 'node:path';
import type { FormatterPlugin } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { ProgressTracker } from './progress-tracker.js';
import { Redactor } from '../report/redaction.js';
import { ReportCollector } from '../report/report-collector.js';
import { formatMs, formatPercent, verdictCounts } from '../report/report-format.js';
import { reportsDirectory, reportFileNames } from '../report/write-reports.js';

const progressFormatter: FormatterPlugin = {
  type: 'formatter',
  formatter({ on, write }) {
    // The collector is the report's own: the headline and score below are the report's (resilience-summary.ts).
    // The resilience formatter writes the files; this one only says where they are.
    const tracker = new ProgressTracker(new ReportCollector(Redactor.fromEnvironment(process.env)));
    on('message', (envelope) => {
      const line = tracker.add(envelope as Envelope);
      if (line !== undefined) write(`${line}\n`);
    });
    return async () => {
      const report = tracker.collector.build();
      const { summary } = report;
      write(tracker.failureReport());
      if (report.run.message) write(`\n${report.run.message}\n`);
      write(
        `\n${summary.scenarios} scenarios (${verdictCounts(summary.byVerdict) || 'none ran'})${report.run.durationMs === undefined ? '' : ` in ${formatMs(report.run.durationMs)}`}\n` +
          `${summary.headline} (score ${formatPercent(summary.resilienceScore.percent)}, each pattern weighing the same)\n` +
          `resilience report: ${join(reportsDirectory(), reportFileNames.html)}\n`,
      );
    };
  },
};

export default progressFormatter;
