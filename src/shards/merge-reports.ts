// `faultline report merge <dir...> --out <dir>`: joins the message streams of a run split with
// cucumber's `--shard i/N` into the stream of one run, and writes into one directory what a single
// run writes: messages.ndjson, the resilience report and cucumber's own cucumber.html and junit.xml.
//
// Every shard parses the same feature files and loads the same steps, so its definitions (gherkin
// documents, pickles, hooks, step definitions, parameter types) are the first shard's, in the same
// order, under other ids (cucumber makes fresh UUIDs per run). The merged stream keeps the first
// shard's definitions once, renames the others' ids to them, and keeps every shard's execution
// (test cases, attempts, steps, attachments). The shards' runs become one: it starts when the first
// shard started, ends when the last one ended, and succeeded only if every shard did.
import { TimeConversion, type Envelope, type Timestamp } from '@cucumber/messages';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Readable, type Transform } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { FaultlineError } from '../errors.js';
import { readMessages } from '../report/regenerate.js';
import { Redactor } from '../report/redaction.js';
import { ReportCollector } from '../report/report-collector.js';
import { verdictCounts } from '../report/report-format.js';
import { writeCompleteReports } from '../report/write-reports.js';

/** One shard's messages, and where they came from (for error messages). */
export interface ShardMessages {
  readonly source: string;
  readonly envelopes: readonly Envelope[];
}

type Message = Record<string, unknown>;
type RawEnvelope = Record<string, Message>;

// Envelope kinds that describe the run's material rather than its execution: once per run.
const definitionKinds = ['source', 'gherkinDocument', 'pickle', 'hook', 'stepDefinition', 'parameterType', 'undefinedParameterType'];
const runKinds = ['meta', 'testRunStarted', 'testRunFinished'];

const kindOf = (envelope: RawEnvelope) => Object.keys(envelope)[0] ?? '';
const timestampMs = (message: Message) => TimeConversion.timestampToMillisecondsSinceEpoch(message.timestamp as Timestamp);
const mismatch = (where: string, detail: string) => new FaultlineError('FL_SHARD_MISMATCH', `${where}: ${detail}`);

/** Pairs every `id` found in `from` with the one at the same place in `to`. */
function pairIds(from: unknown, to: unknown, ids: Map<string, string>, where: string): void {
  if (Array.isArray(from) && Array.isArray(to)) return from.forEach((item, index) => pairIds(item, to[index], ids, where));
  if (from === null || to === null || typeof from !== 'object' || typeof to !== 'object') return;
  for (const [key, value] of Object.entries(from)) {
    const other = (to as Record<string, unknown>)[key];
    if (key !== 'id' || typeof value !== 'string') pairIds(value, other, ids, where);
    else if (typeof other === 'string') ids.set(value, other);
    else throw mismatch(where, 'an id without counterpart');
  }
}

/** A copy of `value` with every string that is a renamed id replaced (ids are UUIDs, so no text matches one by accident). */
function renamed<T>(value: T, ids: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (ids.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((item) => renamed(item, ids)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, ids)])) as T;
}

/** What identifies a definition across runs, for the check that two shards ran the same material. */
function identity(kind: string, message: Message): string {
  if (kind === 'source' || kind === 'gherkinDocument') return String(message.uri);
  if (kind === 'pickle') return `${String(message.uri)} › ${String(message.name)}`;
  if (kind === 'stepDefinition') return `step "${String((message.pattern as { source?: unknown } | undefined)?.source)}"`;
  if (kind === 'hook') return `hook ${String(message.name ?? '')} ${String((message.sourceReference as { uri?: unknown } | undefined)?.uri ?? '')}`;
  if (kind === 'parameterType') return `parameter type {${String(message.name)}}`;
  return JSON.stringify(message);
}

function sameMaterial(kind: string, mine: Message[], theirs: Message[], where: string): void {
  const mineNames = mine.map((message) => identity(kind, message));
  const theirNames = theirs.map((message) => identity(kind, message));
  if (mineNames.join('\n') === theirNames.join('\n')) return;
  const only = (a: string[], b: string[], which: string) => {
    const names = a.filter((name) => !b.includes(name)).slice(0, 3);
    return names.length ? `; only in the ${which}: ${names.join(', ')}` : '';
  };
  throw mismatch(
    where,
    `not shards of one run: their ${kind} messages differ (${mine.length} against ${theirs.length}${only(mineNames, theirNames, 'first')}${only(theirNames, mineNames, 'second')}` +
      `${mineNames.length === theirNames.length ? '; same names in another order' : ''}). Run every shard from the same commit with the same profile, paths and tags, changing only --shard`,
  );
}

/** The shards' envelopes as one run's (see the file comment). Throws FL_SHARD_MISMATCH when they are not shards of one run. */
export function mergeShardMessages(shards: readonly ShardMessages[]): Envelope[] {
  const [first] = shards;
  if (!first) throw new FaultlineError('FL_SHARD_MISMATCH', 'no shard to merge: pass the directories (or messages.ndjson files) the shards wrote');
  const byKind = (shard: ShardMessages, kind: string) => (shard.envelopes as unknown as RawEnvelope[]).filter((envelope) => kindOf(envelope) === kind).map((envelope) => envelope[kind]!);
  const runStarts = shards.map((shard) => byKind(shard, 'testRunStarted')[0]);
  const missingStart = shards.find((_, index) => runStarts[index] === undefined);
  if (missingStart) throw mismatch(missingStart.source, 'no testRunStarted message: is this the output of cucumber\'s "message" formatter?');
  const renames = shards.map((shard, index) => {
    const ids = new Map<string, string>();
    if (index === 0) return ids;
    const where = `${shard.source} and ${first.source}`;
    for (const kind of definitionKinds) {
      const [mine, theirs] = [byKind(shard, kind), byKind(first, kind)];
      sameMaterial(kind, mine, theirs, where);
      mine.forEach((message, position) => pairIds(message, theirs[position], ids, where));
    }
    if (typeof runStarts[index]?.id === 'string' && typeof runStarts[0]?.id === 'string') ids.set(runStarts[index].id, runStarts[0].id);
    return ids;
  });

  const earliest = runStarts.reduce((a, b) => (timestampMs(b!) < timestampMs(a!) ? b : a))!;
  const meta = byKind(first, 'meta')[0];
  const merged: RawEnvelope[] = [...(meta ? [{ meta }] : []), ...(first.envelopes as unknown as RawEnvelope[]).filter((envelope) => definitionKinds.includes(kindOf(envelope)))];
  merged.push({ testRunStarted: { ...runStarts[0]!, timestamp: earliest.timestamp } });
  // Shards split the scenarios: one that ran in two of the inputs means they are not shards of one
  // run (a whole run given with a shard of it, or the same shard twice).
  const ranIn = new Map<string, string>();
  const pickleNames = new Map(byKind(first, 'pickle').map((pickle) => [String(pickle.id), identity('pickle', pickle)]));
  shards.forEach((shard, index) => {
    for (const envelope of shard.envelopes as unknown as RawEnvelope[]) {
      const kind = kindOf(envelope);
      if (definitionKinds.includes(kind) || runKinds.includes(kind)) continue;
      const message = renamed(envelope, renames[index]!);
      const pickleId = kind === 'testCase' ? String(message.testCase!.pickleId) : undefined;
      const other = pickleId === undefined ? undefined : ranIn.get(pickleId);
      if (other !== undefined) {
        throw mismatch(`${other} and ${shard.source}`, `both ran ${pickleNames.get(pickleId!) ?? 'the same scenario'}: shards of one run split its scenarios (is one of them the whole run, or the same shard given twice?)`);
      }
      if (pickleId !== undefined) ranIn.set(pickleId, shard.source);
      merged.push(message);
    }
  });
  // A shard that was killed has no testRunFinished: the merged run did not finish either.
  const finished = shards.map((shard) => byKind(shard, 'testRunFinished')[0]).filter((end): end is Message => end !== undefined);
  if (finished.length === shards.length) {
    const last = finished.reduce((a, b) => (timestampMs(b) > timestampMs(a) ? b : a));
    const messages = finished.map((end) => end.message).filter((message) => typeof message === 'string' && message !== '');
    const success = finished.every((end) => end.success === true);
    merged.push({ testRunFinished: { ...finished[0]!, success, timestamp: last.timestamp, ...(messages.length > 0 ? { message: messages.join('\n') } : {}) } });
  }
  return merged as unknown as Envelope[];
}

// Cucumber's own formatters for its HTML and JUnit outputs, loaded from where cucumber finds them
// (they are its dependencies), so that the merged files are the ones a single run would write.
const requireFromCucumber = createRequire(createRequire(import.meta.url).resolve('@cucumber/cucumber/package.json'));
const fromCucumber = async <T>(name: string) => (await import(pathToFileURL(requireFromCucumber.resolve(name)).href)) as T;

async function renderCucumberHtml(envelopes: readonly Envelope[]): Promise<string> {
  // An object-mode Transform: envelopes in, HTML text out.
  const { CucumberHtmlStream } = await fromCucumber<{ CucumberHtmlStream: new () => Transform }>('@cucumber/html-formatter');
  const chunks: string[] = [];
  for await (const chunk of Readable.from(envelopes).pipe(new CucumberHtmlStream())) chunks.push(String(chunk));
  return chunks.join('');
}

async function renderJunit(envelopes: readonly Envelope[]): Promise<string> {
  type Printer = new (options: object, write: (content: string) => void) => { update(envelope: Envelope): void };
  const { JUnitXmlPrinter } = await fromCucumber<{ JUnitXmlPrinter: Printer }>('@cucumber/junit-xml-formatter');
  const chunks: string[] = [];
  const printer = new JUnitXmlPrinter({}, (content) => chunks.push(content));
  for (const envelope of envelopes) printer.update(envelope);
  return chunks.join('');
}

export async function mergeReports(inputs: readonly string[], outDir: string) {
  const started = performance.now();
  const warnings: string[] = [];
  const shards: ShardMessages[] = [];
  for (const input of inputs) {
    // A shard's directory (holding messages.ndjson) or the file itself.
    const isDirectory = await stat(resolve(input)).then((found) => found.isDirectory(), () => {
      throw new FaultlineError('FL_BAD_INPUT', `${input}: no such file or directory; pass each shard's reports directory (the FAULTLINE_REPORTS_DIR it ran with) or its messages.ndjson`);
    });
    const path = isDirectory ? join(resolve(input), 'messages.ndjson') : resolve(input);
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
  const [messages, cucumberHtml, junit] = ['messages.ndjson', 'cucumber.html', 'junit.xml'].map((name) => join(directory, name)) as [string, string, string];
  const [{ files }] = await Promise.all([
    writeCompleteReports(report, directory),
    writeFile(messages, merged.map((envelope) => `${JSON.stringify(envelope)}\n`).join(''), 'utf8'),
    renderCucumberHtml(merged).then((html) => writeFile(cucumberHtml, html, 'utf8')),
    renderJunit(merged).then((xml) => writeFile(junit, xml, 'utf8')),
  ]);
  return {
    files: { ...files, messages, cucumberHtml, junit },
    report,
    /** Per shard: where its messages came from and how many scenarios it ran. */
    shards: shards.map((shard) => ({ messages: shard.source, scenarios: shard.envelopes.filter((envelope) => envelope.testCase).length })),
    warnings,
    durationMs: performance.now() - started,
  };
}

/** `<dir...> --out <dir>` (--out defaults to reports/merged). */
export function parseMergeArguments(args: readonly string[]): { readonly inputs: string[]; readonly out: string } {
  const example = '`faultline report merge shard-1 shard-2 --out reports/merged`';
  const inputs: string[] = [];
  let out: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
    else if (arg === '--out' || arg === '-o') {
      out = args[++index];
      if (out === undefined || out.startsWith('-')) throw new FaultlineError('FL_BAD_INPUT', `${arg} needs a directory, e.g. ${example}`);
    } else if (arg.startsWith('-')) throw new FaultlineError('FL_BAD_INPUT', `faultline report merge: unknown option ${arg}; usage: faultline report merge <shard-dir...> --out <dir>`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) throw new FaultlineError('FL_BAD_INPUT', `faultline report merge needs the reports directory of each shard, e.g. ${example}`);
  return { inputs, out: out ?? 'reports/merged' };
}

/** The command: merges, prints what it wrote, the scenarios per shard and the verdicts; the exit code follows the merged run. */
export async function reportMergeCommand(args: readonly string[]): Promise<number> {
  const { inputs, out } = parseMergeArguments(args);
  const merged = await mergeReports(inputs, out);
  for (const warning of merged.warnings) console.warn(`warning: ${warning}`);
  const { summary } = merged.report;
  console.log(
    `merged ${merged.shards.length} shards (${merged.shards.map((shard) => `${shard.scenarios} scenarios from ${shard.messages}`).join('; ')})\n` +
      `${summary.scenarios} scenarios: ${verdictCounts(summary.byVerdict) || 'none'}; resilience score ${summary.resilienceScore.percent ?? 'n/a'}%\n` +
      `wrote ${Object.values(merged.files).join(', ')} in ${Math.round(merged.durationMs)} ms`,
  );
  return merged.report.run.success === true ? 0 : 1;
}
