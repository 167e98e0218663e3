import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { githubAnnotations, publishToGitHub } from './github.js';
import { ReportCollector } from './report-collector.js';
import { syntheticEnvelopes } from '../../test/fixtures/synthetic-messages.js';

describe('GitHub Actions output', () => {
  const collector = new ReportCollector();
  for (const envelope of syntheticEnvelopes()) collector.add(envelope);
  const report = collector.build();

  it('annotates each failed scenario on its feature file line, escaped as workflow commands require', () => {
    const [first, second] = githubAnnotations(report);
    assert.match(first ?? '', /^::error file=features\/link-down\.feature,line=3,title=timeouts%3A The payment link goes down%2C then comes back failed::Then the order fails with 503 or 504 within 500ms: time to fail the order: measured 1480\.0 ms.*%0Atime to fail the order: 1\.48 s/);
    assert.ok(!/[\r\n]/.test(first ?? ''));
    assert.match(second ?? '', /^::error file=features\/bulkhead\.feature,line=3,title=bulkhead%3A A full bulkhead rejects at once undefined::/);
  });

  it('warns of each near miss on the line of its scenario', () => {
    const near = structuredClone(report);
    near.summary.nearMisses = [{ scenarioId: near.scenarios[0]!.id, scenario: near.scenarios[0]!.name, pattern: 'timeouts', text: 'time to the error: 515 ms, 15 ms over the 500 ms bound, inside the 50 ms tolerance', marginMs: 15 }];
    assert.equal(
      githubAnnotations(near).at(-1),
      `::warning file=features/latency.feature,line=3,title=near miss in timeouts%3A ${near.scenarios[0]!.name}::time to the error: 515 ms, 15 ms over the 500 ms bound, inside the 50 ms tolerance`,
    );
  });

  it('appends the summary to $GITHUB_STEP_SUMMARY and prints the annotations only on GitHub', async () => {
    const summary = join(await mkdtemp(join(tmpdir(), 'faultline-github-')), 'summary.md');
    const printed: string[] = [];
    await publishToGitHub(report, '## summary', { GITHUB_STEP_SUMMARY: summary }, (line) => printed.push(line));
    await publishToGitHub(report, '## again', { GITHUB_STEP_SUMMARY: summary }, (line) => printed.push(line));
    assert.equal(await readFile(summary, 'utf8'), '## summary\n## again\n');
    assert.equal(printed.length, 4);
    await publishToGitHub(report, '## elsewhere', {}, (line) => printed.push(line));
    assert.equal(printed.length, 4);
  });
});
