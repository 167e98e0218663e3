import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explorationMatrix } from '../explore/exploration-matrix.js';
import type { ExploredRun } from '../explore/explorer.js';
import { emptyEvidence } from './evidence.js';
import { explorationSection } from './html-exploration-section.js';

describe('explored fault space in the HTML report', () => {
  const runs: ExploredRun[] = [
    { index: 1, faults: ['http:500@gw:POST:/charges#1'], outcomes: ['201'], broken: [], durationMs: 80, restarted: false },
    { index: 2, faults: ['http:429@gw:POST:/charges#2'], outcomes: ['500'], broken: ['documented-statuses'], durationMs: 40, restarted: false },
    { index: 3, faults: ['http:500@gw:POST:/charges#1', 'http:hang@gw:POST:/charges#2'], outcomes: ['TIMEOUT'], broken: ['deadline'], durationMs: 5000, restarted: false },
  ];
  const stats = { interactions: 2, singles: 2, pairsWithoutPruning: 4, pairsPruned: 3, pairsPlanned: 1, runs: 3, minimisationRuns: 0, pruningRatio: 0.5, stoppedBy: null, durationMs: 6000, meanRunMs: 1707, runsPerMinute: 30, restarts: 0 };

  it('draws the matrix with failing rows first and lists each counterexample with its replay command', () => {
    const evidence = emptyEvidence();
    const counterexample = { oracle: 'deadline' as const, detail: 'past the 2000 ms deadline', faults: runs[2]!.faults, foundWith: runs[2]!.faults, shrinks: 0, seed: 7, outcomes: ['TIMEOUT'], replay: "npx faultline explore faultline.config.ts --faults 'x'" };
    evidence.notes.exploration = { stats, matrix: explorationMatrix({ runs }), counterexamples: [counterexample] };
    const html = explorationSection(evidence);
    assert.ok(html.indexOf('gw:POST:/charges#2') < html.indexOf('gw:POST:/charges#1</code></td>'), 'the failing row comes first');
    assert.match(html, /broke documented-statuses/);
    assert.match(html, /1 pairs run, 1 broke an invariant/);
    assert.match(html, /npx faultline explore faultline.config.ts --faults &#39;x&#39;|npx faultline explore faultline.config.ts --faults &#x27;x&#x27;/);
  });

  it('adds nothing to scenarios that did not explore', () => {
    assert.equal(explorationSection(emptyEvidence()), '');
  });
});
