// The cucumber formatter plugin that replaces cucumber's `progress` dots: one line per scenario as
// it ends (verdict, count, name, duration, time left), then the totals, where the resilience report
// is and its score. Load it through progress-formatter.mjs, which registers tsx.
import { join } from 'node:path';
import type { FormatterPlugin } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { formatDuration, ProgressTracker } from './progress-tracker.js';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import { reportsDirectory, reportFileNames } from './write-reports.js';

const progressFormatter: FormatterPlugin = {
  type: 'formatter',
  formatter({ on, write }) {
    const tracker = new ProgressTracker();
    // The score is the report's own (resilience-summary.ts), worked out from the same messages; the
    // resilience formatter writes the files, this one only says where they are.
    const collector = new ReportCollector(Redactor.fromEnvironment(process.env));
    on('message', (envelope) => {
      collector.add(envelope as Envelope);
      const line = tracker.add(envelope as Envelope);
      if (line !== undefined) write(`${line}\n`);
    });
    return async () => {
      const report = collector.build();
      const { summary } = report;
      const verdicts = Object.entries(summary.byVerdict).filter(([, count]) => count > 0).map(([verdict, count]) => `${count} ${verdict}`);
      const score = summary.resilienceScore;
      write(tracker.failureReport());
      if (report.run.message) write(`\n${report.run.message}\n`);
      write(
        `\n${summary.scenarios} scenarios (${verdicts.join(', ') || 'none ran'})${report.run.durationMs === undefined ? '' : ` in ${formatDuration(report.run.durationMs)}`}\n` +
          `resilience score: ${score.percent === null ? 'n/a (no scenario exercised a failure mode)' : `${score.percent}% (${score.passed}/${score.counted} scenarios that exercised a failure mode passed)`}\n` +
          `resilience report: ${join(reportsDirectory(), reportFileNames.html)}\n`,
      );
    };
  },
};

export default progressFormatter;
