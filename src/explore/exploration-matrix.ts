// The explored matrix for reports: one row per position (interaction or link during a request),
// one column per fault kind, each cell the caller's outcomes and the oracles broken; rows with a
// failing cell first. Pairs are listed after it, failing first.
import type { ExplorationResult } from './explorer.js';

export interface MatrixCell {
  readonly outcome: string;
  readonly broken: readonly string[];
}

export interface ExplorationMatrix {
  readonly kinds: readonly string[];
  readonly rows: ReadonlyArray<{ readonly position: string; readonly cells: Readonly<Record<string, MatrixCell>> }>;
  readonly pairs: ReadonlyArray<{ readonly faults: readonly string[]; readonly outcome: string; readonly broken: readonly string[] }>;
}

export function explorationMatrix(result: Pick<ExplorationResult, 'runs'>): ExplorationMatrix {
  const kinds: string[] = [];
  const rows = new Map<string, Record<string, MatrixCell>>();
  const pairs: Array<{ faults: readonly string[]; outcome: string; broken: readonly string[] }> = [];
  for (const run of result.runs) {
    const outcome = run.outcomes.join(', ');
    if (run.faults.length !== 1) {
      pairs.push({ faults: run.faults, outcome, broken: run.broken });
      continue;
    }
    const [kind, position] = run.faults[0]!.split('@') as [string, string];
    if (!kinds.includes(kind)) kinds.push(kind);
    rows.set(position, { ...(rows.get(position) ?? {}), [kind]: { outcome, broken: run.broken } });
  }
  const failing = (cells: Record<string, MatrixCell>) => Object.values(cells).some((cell) => cell.broken.length > 0);
  return {
    kinds,
    rows: [...rows].map(([position, cells]) => ({ position, cells })).sort((a, b) => Number(failing(b.cells)) - Number(failing(a.cells))),
    pairs: pairs.sort((a, b) => Number(b.broken.length > 0) - Number(a.broken.length > 0)),
  };
}

function stoppedBy(reason: ExplorationResult['stats']['stoppedBy']): string {
  if (reason === null) return '';
  return reason === 'first counterexample' ? ', stopped at the first counterexample' : `, stopped by the ${reason} budget`;
}

/** The figures a person reads first, one line each. */
export function explorationSummary(result: ExplorationResult): string[] {
  const { stats } = result;
  return [
    `workload: ${result.workload}; baseline ${result.baseline.join(', ')}`,
    `interactions: ${stats.interactions} (${result.interactions.join('; ')})`,
    result.workload.startsWith('the scenario ')
      ? "connections: not learned (a scenario's faults are HTTP answers and container pauses)"
      : `connections: ${result.connections.length === 0 ? 'none seen in the service\'s socket table (TCP faults placed per request)' : result.connections.join('; ')}`,
    `runs: ${stats.runs} (${stats.singles} single faults planned, ${stats.pairsPlanned} pairs planned of ${stats.pairsWithoutPruning} without pruning, ${stats.pairsPruned} pruned: ratio ${stats.pruningRatio})${stoppedBy(stats.stoppedBy)}; ${stats.minimisationRuns} more to minimise`,
    `time: ${(stats.durationMs / 1000).toFixed(1)} s, ${stats.runsPerMinute} runs per minute, ${stats.meanRunMs} ms per run on average, ${stats.restarts} service restarts`,
    `oracles: ${result.oracles.join(', ')}`,
    result.counterexamples.length === 0 ? 'no run broke the contract' : `${result.counterexamples.length} counterexample(s)`,
  ];
}
