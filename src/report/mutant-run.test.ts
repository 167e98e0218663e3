import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { mutantRun } from './mutant-run.js';
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
