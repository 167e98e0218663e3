import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareReports } from './comparison.js';
import { ReportCollector } from './report-collector.js';
import { syntheticEnvelopes } from '../../test/fixtures/synthetic-messages.js';

describe('comparison with an earlier report', () => {
  it('says what newly fails, newly passes and got slower', async () => {
    const collector = new ReportCollector();
    for (const envelope of syntheticEnvelopes()) collector.add(envelope);
    const current = collector.build();
    const previous = structuredClone(current);
    previous.scenarios[0]!.verdict = 'failed';
    previous.scenarios[1]!.verdict = 'passed';
    previous.scenarios[1]!.evidence!.measurements[0]!.measured = 400;
    const path = join(await mkdtemp(join(tmpdir(), 'faultline-compare-')), 'resilience-report.json');
    await writeFile(path, JSON.stringify(previous));
    const comparison = compareReports(current, path);
    assert.deepEqual(comparison.newlyPassing, [current.scenarios[0]?.name]);
    assert.deepEqual(comparison.newlyFailing, [current.scenarios[1]?.name]);
    assert.deepEqual(comparison.slower, [{ scenario: current.scenarios[1]?.name, label: 'time to fail the order', beforeMs: 400, afterMs: 1480 }]);
    assert.throws(() => compareReports(current, join(tmpdir(), 'absent.json')), /FL_BAD_INPUT: .*absent\.json: not a resilience-report\.json/);
  });
});
