// The fault-space explorer's matrix in a scenario's HTML section (src/explore/): interaction x
// fault kind -> what callers saw, failing cells and rows first, then the counterexamples with their
// minimal fault sets and replay commands. Read from the evidence notes the explore steps write.
import type { Counterexample } from '../explore/counterexample.js';
import type { ExplorationMatrix } from '../explore/exploration-matrix.js';
import type { ExplorationStats } from '../explore/explorer.js';
import type { ScenarioEvidence } from './evidence.js';
import { escapeHtml } from './html-escape.js';
import { card, table } from './html-parts.js';

interface ExplorationNote {
  readonly stats: ExplorationStats;
  readonly matrix: ExplorationMatrix;
  readonly counterexamples: readonly Counterexample[];
}

function isExploration(value: unknown): value is ExplorationNote {
  return typeof value === 'object' && value !== null && 'matrix' in value && 'stats' in value && 'counterexamples' in value;
}

export function explorationSection(evidence: ScenarioEvidence): string {
  const note = evidence.notes.exploration;
  if (!isExploration(note)) return '';
  const { stats, matrix, counterexamples } = note;
  const cards = [
    card('interactions', String(stats.interactions)),
    card('runs', String(stats.runs)),
    card('pairs pruned', `${stats.pairsPruned} of ${stats.pairsWithoutPruning}`),
    card('runs per minute', String(stats.runsPerMinute)),
    card('counterexamples', String(counterexamples.length), counterexamples.length === 0),
  ].join('');
  const cell = (value: { outcome: string; broken: readonly string[] } | undefined) =>
    value === undefined ? '—' : value.broken.length === 0 ? escapeHtml(value.outcome) : `<span class="not-ok">${escapeHtml(value.outcome)}<br>broke ${escapeHtml(value.broken.join(', '))}</span>`;
  const rows = matrix.rows.map((row) => [`<code>${escapeHtml(row.position)}</code>`, ...matrix.kinds.map((kind) => cell(row.cells[kind]))]);
  const examples = counterexamples.map((example) => [
    escapeHtml(example.oracle),
    `<code>${escapeHtml(example.faults.join(', '))}</code>`,
    `<code>${escapeHtml(String(example.seed))}</code>`,
    escapeHtml(example.detail),
    `<code class="replay">${escapeHtml(example.replay)}</code>`,
  ]);
  const failingPairs = matrix.pairs.filter((pair) => pair.broken.length > 0).length;
  return (
    `<h3>Explored fault space</h3><div class="figures">${cards}</div>` +
    table(['Interaction', ...matrix.kinds], rows) +
    `<p class="chart-note">${matrix.pairs.length} pairs run, ${failingPairs} broke an invariant; ${stats.meanRunMs} ms per run on average${stats.stoppedBy === null ? '' : stats.stoppedBy === 'first counterexample' ? '; stopped at the first counterexample' : `; stopped by the ${stats.stoppedBy} budget`}.</p>` +
    (examples.length === 0 ? '' : table(['Invariant broken', 'Minimal fault set', 'Seed', 'Seen', 'Replay'], examples))
  );
}
