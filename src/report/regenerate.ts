// Rebuilds the reports from a saved messages.ndjson (cucumber's `message` formatter output), through
// the same collector and writers as the formatter: `faultline report <messages.ndjson>`.
import { parseEnvelope, type Envelope } from '@cucumber/messages';
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import type { ResilienceReport } from './resilience-report.js';
import { writeCompleteReports, type ReportFiles } from './write-reports.js';

export async function readMessages(messagesNdjsonPath: string, onEnvelope: (envelope: Envelope) => void): Promise<{ count: number; warnings: string[] }> {
  try {
    await access(messagesNdjsonPath);
  } catch {
    throw new Error(
      `${messagesNdjsonPath}: no such file. Pass the file written by cucumber's "message" formatter ` +
        `(cucumber.mjs writes it to reports/messages.ndjson on every run).`,
    );
  }
  const warnings: string[] = [];
  let count = 0;
  let lineNumber = 0;
  let pendingError: Error | undefined;
  // Lines, not @cucumber/message-streams' NdjsonToMessageStream: that stream fails on a half-written
  // last line, which a killed run leaves, and its errors carry no line number.
  const lines = createInterface({ input: createReadStream(messagesNdjsonPath, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    // A bad line is fatal unless it is the last one: a run killed mid-write leaves half a line.
    if (pendingError) throw pendingError;
    try {
      const envelope = parseEnvelope(line) as unknown;
      if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) throw new Error('not a JSON object');
      onEnvelope(envelope as Envelope);
      count++;
    } catch (error) {
      pendingError = new Error(
        `${messagesNdjsonPath}:${lineNumber}: not a Cucumber message (${(error as Error).message}). ` +
          `Pass the NDJSON file written by cucumber's "message" formatter, one envelope per line.`,
      );
    }
  }
  if (pendingError) warnings.push(`${pendingError.message.split('. ')[0]}; the last line was ignored (was the run interrupted?)`);
  return { count, warnings };
}

/** The files written, the report, and `warnings`: things a person should know, e.g. a truncated last line from a run that was killed. */
export async function regenerateReports(messagesNdjsonPath: string, outDir: string): Promise<{ files: ReportFiles; report: ResilienceReport; warnings: string[] }> {
  const collector = new ReportCollector(Redactor.fromEnvironment(process.env));
  const { count, warnings } = await readMessages(messagesNdjsonPath, (envelope) => collector.add(envelope));
  if (count === 0) {
    throw new Error(`${messagesNdjsonPath} holds no Cucumber messages. Was the run started with the "message" formatter (message:reports/messages.ndjson)?`);
  }
  const report = collector.build();
  if (report.run.finishedAt === undefined) warnings.push(`${messagesNdjsonPath} has no testRunFinished message: the run did not finish, so the report covers part of it`);
  const { files } = await writeCompleteReports(report, outDir);
  return { files, report, warnings };
}
