import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown, renderMarkdownSummary } from './markdown-summary-writer.js';
import { ReportCollector } from './report-collector.js';
import { leakedSecrets, syntheticEnvelopes } from '../../test/fixtures/synthetic-messages.js';

function summary(): string {
  const collector = new ReportCollector();
  for (const envelope of syntheticEnvelopes()) collector.add(envelope);
  return renderMarkdownSummary(collector.build());
}

describe('summary.md', () => {
  const markdown = summary();
  const lines = markdown.split('\n');

  it('opens with the verdict and the key figures of the run', () => {
    assert.equal(lines[0], '## ❌ Faultline resilience report: 2 of 4 scenarios did not pass');
    assert.match(markdown, /\*\*Resilience score: 66\.7 %\*\* \(2 of 3 scenarios that exercised a failure passed\)/);
    assert.match(markdown, /4 scenarios: 2 passed, 1 failed, 1 undefined · 3 faults injected · 2\/3 measurements within bound · run took 25\.00 s/);
  });

  it('has a pass/fail table with one well-formed row per scenario', () => {
    const header = lines.indexOf('| Verdict | Scenario | Faults | Key figures | Duration |');
    assert.ok(header > 0);
    assert.equal(lines[header + 1], '|---|---|---|---|---:|');
    const rows = lines.slice(header + 2, header + 6);
    assert.deepEqual(rows.map((row) => row.split(' | ')[0]), ['| ✅ passed', '| ❌ failed', '| ✅ passed', '| ⚠️ undefined']);
    for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length, 7, `malformed row: ${row}`);
    assert.match(rows[1] ?? '', /❌ time to fail the order: 1\.48 s/);
    assert.match(rows[2] ?? '', /✅ RTO 3\.21 s/);
  });

  it('lists what did not pass with the failing sentence and error', () => {
    assert.match(markdown, /- \*\*The payment link goes down, then comes back\*\* — `Then the order fails with 503 or 504 within 500ms`: Error: time to fail the order: measured 1480\.0 ms/);
    assert.match(markdown, /- \*\*A full bulkhead rejects at once\*\* — `Given 10 slow orders in flight` \(undefined\)/);
  });

  it('has the dependency x fault type matrix and the mutation checks', () => {
    assert.match(markdown, /\| payment \| — \| 0\/1 ❌ \| 1\/1 ✅ \|/);
    assert.match(markdown, /### Mutation checks: 1\/2 broken configurations caught\n- ❌ survived: replication is asynchronous/);
  });

  it('lets no HTML or secret through', () => {
    assert.ok(!/<(?!br>|sub>|\/sub>)/.test(markdown), 'raw HTML in the summary');
    for (const secret of Object.values(leakedSecrets)) assert.ok(!markdown.includes(secret));
  });

  it('escapes Markdown and HTML in user text', () => {
    assert.equal(escapeMarkdown('a|b *c* <d>\n[e](f)'), 'a\\|b \\*c\\* &lt;d&gt; \\[e\\](f)');
  });
});
