// The figures at the top of every report: counts, the resilience score and the dependency x fault
// type matrix. Kept apart from the collector so that the score's definition lives in one place,
// next to the sentence that states it in the reports.
import type { MatrixCell, MutantSummary, ResilienceReport, ResilienceScore, ScenarioReport, Verdict } from './resilience-report.js';

export const resilienceScoreFormula =
  'score = passed ÷ counted × 100, where counted = scenarios that exercised a failure mode ' +
  '(their evidence records an injected fault, a disaster-recovery check, a fuzz run or a fault-space exploration). ' +
  'Every such scenario weighs the same; failed, skipped, pending, undefined and ambiguous ones count as not passed. ' +
  'Scenarios that exercised no failure are not counted (they still appear in the verdict counts).';

const verdicts: readonly Verdict[] = ['passed', 'failed', 'skipped', 'pending', 'undefined', 'ambiguous', 'unknown'];

export function exercisedFailure(scenario: Pick<ScenarioReport, 'evidence'>): boolean {
  const evidence = scenario.evidence;
  if (!evidence) return false;
  return evidence.faults.length > 0 || evidence.disasterRecovery !== undefined || (evidence.fuzzRuns?.length ?? 0) > 0 || evidence.notes.exploration !== undefined;
}

export function resilienceScore(scenarios: readonly ScenarioReport[]): ResilienceScore {
  const counted = scenarios.filter((scenario) => scenario.exercisedFailure);
  const passed = counted.filter((scenario) => scenario.verdict === 'passed').length;
  return {
    percent: counted.length === 0 ? null : Math.round((passed / counted.length) * 1000) / 10,
    passed,
    counted: counted.length,
    formula: resilienceScoreFormula,
  };
}

export function faultMatrix(scenarios: readonly ScenarioReport[]): ResilienceReport['matrix'] {
  const cells = new Map<string, { dependency: string; faultKind: string; scenarios: number; passed: number }>();
  for (const scenario of scenarios) {
    const pairs = new Set((scenario.evidence?.faults ?? []).map((fault) => JSON.stringify([fault.target, fault.kind])));
    for (const pair of pairs) {
      const [dependency, faultKind] = JSON.parse(pair) as [string, string];
      const cell = cells.get(pair) ?? { dependency, faultKind, scenarios: 0, passed: 0 };
      cell.scenarios++;
      if (scenario.verdict === 'passed') cell.passed++;
      cells.set(pair, cell);
    }
  }
  const sorted: MatrixCell[] = [...cells.values()].sort((a, b) => a.dependency.localeCompare(b.dependency) || a.faultKind.localeCompare(b.faultKind));
  return {
    dependencies: [...new Set(sorted.map((cell) => cell.dependency))],
    faultKinds: [...new Set(sorted.map((cell) => cell.faultKind))].sort(),
    cells: sorted,
  };
}

export function mutantSummaries(scenarios: readonly ScenarioReport[]): MutantSummary[] {
  return scenarios.flatMap((scenario) =>
    (scenario.evidence?.mutants ?? []).map((mutant) => ({ ...mutant, reportedBy: scenario.name })),
  );
}

export function summarise(scenarios: readonly ScenarioReport[]): ResilienceReport['summary'] {
  const byVerdict = Object.fromEntries(verdicts.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const scenario of scenarios) byVerdict[scenario.verdict]++;
  const measurements = scenarios.flatMap((scenario) => scenario.evidence?.measurements ?? []);
  return {
    scenarios: scenarios.length,
    byVerdict,
    faultsInjected: scenarios.reduce(
      (count, scenario) => count + (scenario.evidence?.faults.filter((fault) => fault.injectedAt !== undefined).length ?? 0),
      0,
    ),
    measurements: { total: measurements.length, withinBound: measurements.filter((measurement) => measurement.ok).length },
    resilienceScore: resilienceScore(scenarios),
  };
}
