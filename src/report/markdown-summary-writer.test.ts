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
    assert.equal(lines[0], '## ❌ Not resilient: 1 of 2 patterns failed under faults (timeouts)');
    assert.equal(lines[2], '**Score 75 %** (each pattern weighs the same) · 4 scenarios: 2 passed, 1 failed, 1 undefined · 3 faults injected · 0 near misses · run took 25 s');
  });

  it('lists the failures first, each with its pattern, place, failing sentence and figures in plain words', () => {
    assert.equal(lines[4], '### Failures (2)');
    assert.match(markdown, /- ❌ \*\*timeouts\*\* › The payment link goes down, then comes back \(`features\/link-down\.feature:3`, failed\): `Then the order fails with 503 or 504 within 500ms`: time to fail the order: measured 1480\.0 ms/);
    assert.match(markdown, /\n  - ❌ time to fail the order: 1\.48 s, 980 ms over the 500 ms bound and beyond its 50 ms tolerance\n/);
    assert.match(markdown, /- ❌ \*\*bulkhead\*\* › A full bulkhead rejects at once \(`features\/bulkhead\.feature:3`, undefined\): `Given 10 slow orders in flight`: no step definition matches this sentence/);
  });

  it('has well-formed tables by pattern and by dependency, and the recovery figures', () => {
    const header = lines.indexOf('| Pattern | With a fault | Score | Weight |');
    assert.ok(header > 0);
    assert.equal(lines[header + 2], '| timeouts | ❌ 1 of 2 passed | 50 % | 50 % |');
    assert.match(markdown, /\| payment \| ❌ 1 of 2 passed \| link-down 0\/1, toxic:latency 1\/1 \|/);
    const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
    lines.forEach((row, index) => {
      if (row.startsWith('|') && lines[index - 1]?.startsWith('|')) assert.equal(cells(row), cells(lines[index - 1] ?? ''), `malformed row: ${row}`);
    });
    assert.match(markdown, /✅ RTO 3\.21 s \(bound 10 s\); ✅ RPO 0 acknowledged writes lost \(bound 0\)/);
  });

  it('sums up the failovers by kind and manager, with each scenario\'s RTO and the HA settings', () => {
    assert.ok(lines.includes('### Failovers (1): 0 acknowledged writes lost, 0 split-brain writes'));
    assert.ok(lines.includes('| kill | patroni | 1 | 3.21 s | 3.21 s | 3.21 s | 0 | 0 |'));
    assert.match(markdown, /\n- kill · patroni: Failover keeps every acknowledged write "quoted" &amp; &lt;b&gt;bold&lt;\/b&gt; 3\.21 s; measured with ttl 10 s, loop\\_wait 2 s, /);
  });

  it('states the formula and what the score leaves out', () => {
    assert.match(markdown, /<sub>score = the mean of the patterns' scores.*Not counted: 1 scenario without a fault \(bulkhead: A full bulkhead rejects at once\)/);
  });

  it('lets no HTML or secret through', () => {
    assert.ok(!/<(?!br>|sub>|\/sub>)/.test(markdown), 'raw HTML in the summary');
    for (const secret of Object.values(leakedSecrets)) assert.ok(!markdown.includes(secret));
  });

  it('escapes Markdown and HTML in user text', () => {
    assert.equal(escapeMarkdown('a|b *c* <d>\n[e](f)'), 'a\\|b \\*c\\* &lt;d&gt; \\[e\\](f)');
  });
});
