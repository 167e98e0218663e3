import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HookType, TestStepResultStatus, TimeConversion, type Envelope } from '@cucumber/messages';
import { FaultlineError } from '../errors.js';
import { mergeShardMessages } from './merge-reports.js';
import { ReportCollector } from '../report/report-collector.js';

const at = TimeConversion.millisecondsSinceEpochToTimestamp;
const scenarios = [
  { name: 'Latency adds up', status: TestStepResultStatus.PASSED },
  { name: 'The link goes down', status: TestStepResultStatus.FAILED },
  { name: 'Errors are passed on', status: TestStepResultStatus.PASSED },
  { name: 'SIGTERM ends it', status: TestStepResultStatus.PASSED },
  { name: 'Something undefined', status: TestStepResultStatus.UNDEFINED },
];

/**
 * The messages one cucumber run writes for `scenarios`, with `--shard index/total` when given.
 * `run` prefixes every id, as cucumber's fresh UUIDs would differ between runs.
 */
function cucumberRun(run: string, shard?: { index: number; total: number }, names = scenarios.map((s) => s.name)): Envelope[] {
  const id = (name: string) => `${run}-${name}`;
  const start = 1_000_000 + (shard?.index ?? 0) * 500;
  const children = names.map((name, i) => ({
    scenario: { id: id(`sc${i}`), location: { line: 2 + i * 2 }, tags: [], keyword: 'Scenario', name, description: '', examples: [], steps: [{ id: id(`gs${i}`), location: { line: 3 + i * 2 }, keyword: 'Then ', text: 'it holds' }] },
  }));
  const envelopes: Envelope[] = [
    { meta: { protocolVersion: '32.0.0', implementation: { name: 'cucumber-js', version: '13.3.0' }, runtime: { name: 'node.js' }, os: { name: 'linux' }, cpu: { name: 'x64' } } },
    { gherkinDocument: { uri: 'f.feature', comments: [], feature: { location: { line: 1 }, tags: [], language: 'en', name: 'F', keyword: 'Feature', description: '', children } } },
    ...names.map((name, i): Envelope => ({ pickle: { id: id(`p${i}`), uri: 'f.feature', name, language: 'en', tags: [], astNodeIds: [id(`sc${i}`)], steps: [{ id: id(`ps${i}`), text: 'it holds', astNodeIds: [id(`gs${i}`)] }] } })),
    { hook: { id: id('h1'), name: 'reset faults', type: HookType.AFTER_TEST_CASE, sourceReference: { uri: 'steps/support/hooks.ts' } } },
    { testRunStarted: { timestamp: at(start) } },
  ];
  const selected = names.map((_, i) => i).filter((i) => shard === undefined || i % shard.total === shard.index - 1);
  for (const i of selected) envelopes.push({ testCase: { id: id(`tc${i}`), pickleId: id(`p${i}`), testSteps: [{ id: id(`ts${i}`), pickleStepId: id(`ps${i}`) }, { id: id(`th${i}`), hookId: id('h1') }] } });
  for (const i of selected) {
    envelopes.push({ testCaseStarted: { id: id(`a${i}`), testCaseId: id(`tc${i}`), attempt: 0, timestamp: at(start + i * 10) } });
    envelopes.push({ testStepFinished: { testCaseStartedId: id(`a${i}`), testStepId: id(`ts${i}`), testStepResult: { status: scenarios[i]!.status, duration: at(5) }, timestamp: at(start + i * 10 + 5) } });
    envelopes.push({ testStepFinished: { testCaseStartedId: id(`a${i}`), testStepId: id(`th${i}`), testStepResult: { status: TestStepResultStatus.PASSED, duration: at(1) }, timestamp: at(start + i * 10 + 6) } });
    envelopes.push({ testCaseFinished: { testCaseStartedId: id(`a${i}`), timestamp: at(start + i * 10 + 7), willBeRetried: false } });
  }
  const success = selected.every((i) => scenarios[i]!.status === TestStepResultStatus.PASSED);
  envelopes.push({ testRunFinished: { success, timestamp: at(start + 100) } });
  return envelopes;
}

function verdicts(envelopes: readonly Envelope[]) {
  const collector = new ReportCollector();
  for (const envelope of envelopes) collector.add(envelope);
  const report = collector.build();
  return { scenarios: report.scenarios.map((s) => `${s.name}: ${s.verdict}: ${s.steps.map((step) => `${step.keyword}${step.text}`).join(', ')}`), run: report.run, summary: report.summary.byVerdict };
}

test('two shards merged hold exactly the unsharded run\'s scenarios, in file order, with the same verdicts', () => {
  const whole = verdicts(cucumberRun('whole'));
  const merged = mergeShardMessages([
    { source: 'shard-1', envelopes: cucumberRun('one', { index: 1, total: 2 }) },
    { source: 'shard-2', envelopes: cucumberRun('two', { index: 2, total: 2 }) },
  ]);
  const joined = verdicts(merged);
  assert.deepEqual(joined.scenarios, whole.scenarios);
  assert.deepEqual(joined.summary, whole.summary);
  assert.equal(merged.filter((envelope) => envelope.pickle).length, scenarios.length, 'every definition once');
  assert.equal(merged.filter((envelope) => envelope.testRunStarted).length, 1);
  assert.equal(joined.run.startedAt, 1_000_500, 'the run starts with the earliest shard');
  assert.equal(joined.run.finishedAt, 1_001_100, 'and ends with the last one');
  assert.equal(joined.run.success, false, 'a failing shard fails the run');
});

test('a shard that did not finish leaves the merged run unfinished', () => {
  const killed = cucumberRun('two', { index: 2, total: 2 }).filter((envelope) => !envelope.testRunFinished);
  const merged = mergeShardMessages([{ source: 'shard-1', envelopes: cucumberRun('one', { index: 1, total: 2 }) }, { source: 'shard-2', envelopes: killed }]);
  assert.equal(merged.some((envelope) => envelope.testRunFinished), false);
});

test('runs of other features are not shards of one run', () => {
  const other = cucumberRun('two', { index: 2, total: 2 }, ['Latency adds up', 'Another scenario', 'Errors are passed on', 'SIGTERM ends it', 'Something undefined']);
  assert.throws(
    () => mergeShardMessages([{ source: 'shard-1', envelopes: cucumberRun('one', { index: 1, total: 2 }) }, { source: 'shard-2', envelopes: other }]),
    (error: unknown) => error instanceof FaultlineError && error.code === 'FL_SHARD_MISMATCH' && /Another scenario/.test(error.message) && /--shard/.test(error.message),
  );
});

test('report merge reads shard directories and an --out directory, and says what is missing', async () => {
  const { parseMergeArguments } = await import('./merge-reports.js');
  assert.deepEqual(parseMergeArguments(['a', 'b', '--out', 'm']), { inputs: ['a', 'b'], out: 'm' });
  assert.deepEqual(parseMergeArguments(['a', '--out=m']), { inputs: ['a'], out: 'm' });
  assert.deepEqual(parseMergeArguments(['a']), { inputs: ['a'], out: 'reports/merged' });
  assert.throws(() => parseMergeArguments(['--out', 'm']), /FL_BAD_INPUT: .*needs the reports directory of each shard/);
  assert.throws(() => parseMergeArguments(['a', '--out']), /FL_BAD_INPUT: --out needs a directory/);
  assert.throws(() => parseMergeArguments(['a', '--shards']), /unknown option --shards/);
});

test('a whole run and one of its shards, or a shard given twice, are refused', () => {
  const shard = cucumberRun('one', { index: 1, total: 2 });
  for (const other of [cucumberRun('whole'), cucumberRun('again', { index: 1, total: 2 })]) {
    assert.throws(
      () => mergeShardMessages([{ source: 'shard-1', envelopes: shard }, { source: 'other', envelopes: other }]),
      /FL_SHARD_MISMATCH: shard-1 and other: both ran f\.feature › Latency adds up: shards of one run split its scenarios/,
    );
  }
});
