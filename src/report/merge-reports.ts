// `faultline report merge <dir...> --out <dir>`: reads the messages.ndjson of each shard, joins them
// (merge-messages.ts) and writes into one directory what a single run writes: messages.ndjson, the
// resilience report (HTML, JSON, summary.md) and cucumber's own cucumber.html and junit.xml.
import type { Envelope } from '@cucumber/messages';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Transform } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { FaultlineError } from '../errors.js';
import { mergeShardMessages, type ShardMessages } from './merge-messages.js';
import { readMessages } from './regenerate.js';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import type { ResilienceReport } from './resilience-report.js';
import { writeReports, type ReportFiles } from './write-reports.js';

export interface MergedReports {
  readonly files: ReportFiles & { readonly messages: string; readonly cucumberHtml: string; readonly junit: string };
  readonly report: ResilienceReport;
  /** Per shard: where its messages came from and how many scenarios it ran. */
  readonly shards: ReadonlyArray<{ readonly messages: string; readonly scenarios: number }>;
  readonly warnings: string[];
  readonly durationMs: number;
}

/** A shard's directory (holding messages.ndjson) or the file itself. */
export async function shardMessagesPath(input: string): Promise<string> {
  const path = resolve(input);
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch {
    throw new FaultlineError('FL_BAD_INPUT', `${input}: no such file or directory; pass each shard's reports directory (the FAULTLINE_REPORTS_DIR it ran with) or its messages.ndjson`);
  }
  return isDirectory ? join(path, 'messages.ndjson') : path;
}

// Cucumber's own formatters for its HTML and JUnit outputs, loaded from where cucumber finds them
// (they are its dependencies), so that the merged files are the ones a single run would write.
const requireFromCucumber = createRequire(createRequire(import.meta.url).resolve('@cucumber/cucumber/package.json'));

// An object-mode Transform: envelopes in, HTML text out.
type HtmlStream = Transform;

async function renderCucumberHtml(envelopes: readonly Envelope[]): Promise<string> {
  const { CucumberHtmlStream } = (await import(pathToFileURL(requireFromCucumber.resolve('@cucumber/html-formatter')).href)) as { CucumberHtmlStream: new () => HtmlStream };
  const stream = new CucumberHtmlStream();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
  const done = new Promise<void>((resolveDone, reject) => {
    stream.on('end', resolveDone);
    stream.on('error', reject);
  });
  for (const envelope of envelopes) stream.write(envelope);
  stream.end();
  await done;
  return chunks.join('');
}

async function renderJunit(envelopes: readonly Envelope[]): Promise<string> {
  const { JUnitXmlPrinter } = (await import(pathToFileURL(requireFromCucumber.resolve('@cucumber/junit-xml-formatter')).href)) as {
    JUnitXmlPrinter: new (options: object, write: (content: string) => void) => { update(envelope: Envelope): void };
  };
  const chunks: string[] = [];
  const printer = new JUnitXmlPrinter({}, (content) => chunks.push(content));
  for (const envelope of envelopes) printer.update(envelope);
  return chunks.join('');
}

export async function mergeReports(inputs: readonly string[], outDir: string): Promise<MergedReports> {
  const started = performance.now();
  if (inputs.length === 0) throw new FaultlineError('FL_BAD_INPUT', 'faultline report merge needs the directories of the shards, e.g. `faultline report merge shard-1 shard-2 --out merged`');
  const warnings: string[] = [];
  const shards: ShardMessages[] = [];
  for (const input of inputs) {
    const path = await shardMessagesPath(input);
    const envelopes: Envelope[] = [];
    const read = await readMessages(path, (envelope) => envelopes.push(envelope));
    warnings.push(...read.warnings);
    if (read.count === 0) throw new FaultlineError('FL_SHARD_MISMATCH', `${path} holds no Cucumber messages; was the shard run with the "message" formatter?`);
    shards.push({ source: path, envelopes });
  }
  const merged = mergeShardMessages(shards);
  if (!merged.some((envelope) => envelope.testRunFinished)) warnings.push('a shard has no testRunFinished message: it did not finish, so the merged report covers part of the run');
  const directory = resolve(outDir);
  await mkdir(directory, { recursive: true });
  const collector = new ReportCollector(Redactor.fromEnvironment(process.env));
  for (const envelope of merged) collector.add(envelope);
  const report = collector.build();
  const messages = join(directory, 'messages.ndjson');
  const cucumberHtml = join(directory, 'cucumber.html');
  const junit = join(directory, 'junit.xml');
  const [files] = await Promise.all([
    writeReports(report, directory),
    writeFile(messages, merged.map((envelope) => `${JSON.stringify(envelope)}\n`).join(''), 'utf8'),
    renderCucumberHtml(merged).then((html) => writeFile(cucumberHtml, html, 'utf8')),
    renderJunit(merged).then((xml) => writeFile(junit, xml, 'utf8')),
  ]);
  return {
    files: { ...files, messages, cucumberHtml, junit },
    report,
    shards: shards.map((shard) => ({ messages: shard.source, scenarios: shard.envelopes.filter((envelope) => envelope.testCase).length })),
    warnings,
    durationMs: performance.now() - started,
  };
}

/** `<dir...> --out <dir>` (--out defaults to reports/merged). */
export function parseMergeArguments(args: readonly string[]): { readonly inputs: string[]; readonly out: string } {
  const inputs: string[] = [];
  let out: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--out' || arg === '-o') {
      out = args[++index];
      if (out === undefined || out.startsWith('-')) throw new FaultlineError('FL_BAD_INPUT', `${arg} needs a directory, e.g. \`faultline report merge shard-1 shard-2 --out reports/merged\``);
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg.startsWith('-')) throw new FaultlineError('FL_BAD_INPUT', `faultline report merge: unknown option ${arg}; usage: faultline report merge <shard-dir...> --out <dir>`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) throw new FaultlineError('FL_BAD_INPUT', 'faultline report merge needs the reports directory of each shard, e.g. `faultline report merge shard-1 shard-2 --out reports/merged`');
  return { inputs, out: out ?? 'reports/merged' };
}

/** The command: merges, prints what it wrote, the scenarios per shard and the verdicts; the exit code follows the merged run. */
export async function reportMergeCommand(args: readonly string[]): Promise<number> {
  const { inputs, out } = parseMergeArguments(args);
  const merged = await mergeReports(inputs, out);
  for (const warning of merged.warnings) console.warn(`warning: ${warning}`);
  const { summary } = merged.report;
  const verdicts = Object.entries(summary.byVerdict).filter(([, count]) => count > 0).map(([verdict, count]) => `${count} ${verdict}`).join(', ');
  console.log(
    `merged ${merged.shards.length} shards (${merged.shards.map((shard) => `${shard.scenarios} scenarios from ${shard.messages}`).join('; ')})\n` +
      `${summary.scenarios} scenarios: ${verdicts || 'none'}; resilience score ${summary.resilienceScore.percent ?? 'n/a'}%\n` +
      `wrote ${Object.values(merged.files).join(', ')} in ${Math.round(merged.durationMs)} ms`,
  );
  return merged.report.run.success === true ? 0 : 1;
}
