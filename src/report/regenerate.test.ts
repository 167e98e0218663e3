import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { regenerateReports } from './regenerate.js';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import { syntheticEnvelopes, syntheticNdjson } from '../../test/fixtures/synthetic-messages.js';
import { completeReport, renderReports } from './write-reports.js';

describe('regenerateReports', () => {
  let directory: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'faultline-regenerate-'));
  });
  after(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('rebuilds the three files from messages.ndjson, as the formatter writes them', async () => {
    const messages = join(directory, 'messages.ndjson');
    await writeFile(messages, syntheticNdjson());
    const { files, warnings } = await regenerateReports(messages, join(directory, 'out'));
    assert.deepEqual(warnings, []);
    const collector = new ReportCollector(Redactor.fromEnvironment(process.env));
    for (const envelope of syntheticEnvelopes()) collector.add(envelope);
    const expected = renderReports(completeReport(collector.build(), join(directory, 'out')));
    assert.equal(await readFile(files.html, 'utf8'), expected.html);
    assert.equal(await readFile(files.json, 'utf8'), expected.json);
    assert.equal(await readFile(files.markdown, 'utf8'), expected.markdown);
  });

  it('reads what an interrupted run left: a cut last line is a warning', async () => {
    const messages = join(directory, 'interrupted.ndjson');
    const lines = syntheticNdjson().trimEnd().split('\n');
    await writeFile(messages, `${lines.slice(0, -1).join('\n')}\n${lines.at(-2)?.slice(0, 20)}`);
    const { report, warnings } = await regenerateReports(messages, join(directory, 'interrupted'));
    assert.equal(report.scenarios.length, 4);
    assert.match(warnings[0] ?? '', /interrupted\.ndjson:\d+: not a Cucumber message .*the last line was ignored/);
    assert.match(warnings[1] ?? '', /no testRunFinished message/);
  });

  it('refuses a file that is not a message stream, naming the line and the fix', async () => {
    const messages = join(directory, 'junit.xml');
    await writeFile(messages, '<?xml version="1.0"?>\n<testsuite/>\n');
    await assert.rejects(regenerateReports(messages, join(directory, 'bad')), /junit\.xml:1: not a Cucumber message .*"message" formatter/);
  });

  it('says where messages.ndjson comes from when the file is missing or empty', async () => {
    await assert.rejects(regenerateReports(join(directory, 'absent.ndjson'), directory), /absent\.ndjson: no such file\. .*reports\/messages\.ndjson/);
    const empty = join(directory, 'empty.ndjson');
    await writeFile(empty, '\n');
    await assert.rejects(regenerateReports(empty, directory), /holds no Cucumber messages/);
  });
});
