import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { mutantRun, mutationScoreWords, sourceMutationScore } from './mutant-run.js';
import { renderHtmlReport } from './html-report-writer.js';
import { renderMarkdownSummary } from './markdown-summary-writer.js';
import { ReportCollector } from './report-collector.js';
import { syntheticEnvelopes } from '../../test/fixtures/synthetic-messages.js';
import type { ResilienceReport } from './resilience-report.js';

describe('the mutation checks section', () => {
  it('reads the saved results with their date and commit, and which scenario and step killed each mutant', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'faultline-mutants-')), 'results.json');
    const results = [
      { name: 'breaker-never-opens', breaks: 'the breaker never opens', killed: true, killedBy: ['features/circuit-breaker.feature › Consecutive 500s open the breaker (at "Then every order failed with 503 within 50ms")'] },
      { name: 'no-jitter', breaks: 'retries without jitter', killed: false, killedBy: [] },
    ];
    await writeFile(path, JSON.stringify({ writtenAt: '2026-01-02T03:04:05.000Z', commit: 'abc1234', results }));
    const report = { run: { startedAt: Date.parse('2026-02-01T00:00:00Z') }, scenarios: [] } as unknown as ResilienceReport;
    assert.deepEqual(mutantRun(report, [join(tmpdir(), 'absent.json'), path]), {
      source: 'saved results',
      writtenAt: '2026-01-02T03:04:05.000Z',
      commit: 'abc1234',
      results: [
        { name: 'breaker-never-opens', breaks: 'the breaker never opens', killed: true, scenario: 'Consecutive 500s open the breaker', step: 'Then every order failed with 503 within 50ms' },
        { name: 'no-jitter', breaks: 'retries without jitter', killed: false },
      ],
    });
    assert.equal(mutantRun(report, []), undefined);
  });
});

describe('the source-level mutation score section', () => {
  it('reads reports/mutation-score/results.json and says the score, what was not measured and each survivor', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faultline-score-'));
    await mkdir(join(dir, 'mutation-score'));
    const counts = { killed: 9, survived: 1, timeout: 0, noCoverage: 0, errors: 0, ignored: 2 };
    await writeFile(
      join(dir, 'mutation-score', 'results.json'),
      JSON.stringify({
        writtenAt: '2026-01-02T03:04:05.000Z',
        commit: 'abc1234',
        score: 90,
        ...counts,
        modules: [{ module: 'retry-backoff.ts', tags: '@retries', writtenAt: '2026-01-02T03:04:05.000Z', totalMs: 100_000, score: 90, ...counts }],
        notMeasured: ['deadline.ts'],
        survivors: [{ module: 'retry-backoff.ts', id: '7', mutatorName: 'EqualityOperator', status: 'survived', diff: '- a >= b\n+ a > b' }],
        subset: { writtenAt: '2026-01-02T04:00:00.000Z', totalMs: 52_400, budgetMs: 120_000, killed: 9, notKilled: 0 },
      }),
    );
    const score = sourceMutationScore(dir);
    assert.ok(score);
    const words = mutationScoreWords(score);
    assert.equal(words.headline, 'Mutation score 90 % over 1 of 2 resilience modules: 9 source mutants killed in a Then, 1 not, 2 left out (equivalent, cannot run, planted-defect code, log messages).');
    assert.equal(words.tone, 'near', 'a module not measured keeps it from green');
    assert.match(words.subset ?? '', /^npm test's subset, one mutant per module: all 9 killed in a Then, in 52 s \(budget 120 s\), /);
    assert.equal(mutationScoreWords({ ...score, subset: { ...score.subset!, killed: 8, notKilled: 1 } }).tone, 'bad', 'a subset mutant not killed is red');
    assert.equal(sourceMutationScore(join(dir, 'absent')), undefined);
    const collector = new ReportCollector();
    for (const envelope of syntheticEnvelopes()) collector.add(envelope);
    const report = { ...collector.build(), mutationScore: score };
    const html = renderHtmlReport(report);
    assert.match(html, /Source-level mutation score/);
    assert.match(html, /Not measured yet: <code>deadline\.ts<\/code>/);
    assert.match(html, /npm test&#39;s subset, one mutant per module: all 9 killed/);
    assert.match(html, /<pre>- a &gt;= b\n\+ a &gt; b<\/pre>/);
    assert.match(renderMarkdownSummary(report, 'resilience-report.html'), /- ❌ retry-backoff\.ts #7 EqualityOperator: `a > b`/);
  });
});
