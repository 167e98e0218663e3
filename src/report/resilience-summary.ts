// The answer at the top of every report: resilient or not, by pattern and by dependency, failures
// first, then near misses, the recovery figures and failovers, and the score with its formula
// stated. The score's definition lives here, next to the sentence that states it in the reports.
import type { ScenarioEvidence } from './evidence.js';
import { summariseFailovers } from './failovers.js';
import { recoveryFigures, scenarioFigures } from './figures.js';
import { countOf } from './report-format.js';
import { verdictSchema, type ReportSummary, type ScenarioReport, type Verdict } from './resilience-report.js';

type Pattern = { readonly name: string; readonly tags: readonly string[]; readonly features?: readonly string[] };

/** The patterns every report lists, tested or not, each with the tags and feature files that check it. */
const listedPatterns: readonly Pattern[] = [
  { name: 'timeouts', tags: ['timeouts', 'packet-timeouts', 'tip-jar-timeouts'], features: ['timeouts', 'latency', 'link-down', 'dns-failure'] },
  { name: 'retries', tags: ['retries', 'idempotency'], features: ['retries', 'idempotency'] },
  { name: 'circuit breaker', tags: ['breaker'], features: ['circuit-breaker'] },
  { name: 'bulkhead', tags: ['bulkhead', 'ingress'], features: ['bulkhead', 'client-faults'] },
  { name: 'rate limit', tags: ['rate-limit', 'shared-rate-limit', 'clock'], features: ['rate-limit', 'shared-rate-limit', 'clock-skew'] },
  { name: 'health and shutdown', tags: ['health', 'tip-jar-shutdown', 'process-faults', 'cpu', 'replicas'], features: ['health', 'liveness', 'process-faults', 'replicas'] },
  { name: 'disaster recovery', tags: ['dr', 'dr-sync', 'lock'], features: ['disaster-recovery', 'dr', 'distributed-lock'] },
  { name: 'events', tags: ['events', 'explore-events'], features: ['events'] },
  { name: 'cache', tags: ['cache'], features: ['cache'] },
  { name: 'saga', tags: ['saga', 'explore-saga'], features: ['saga'] },
  { name: 'auth', tags: ['auth'], features: ['auth'] },
  { name: 'deployments', tags: ['deployments', 'deploy', 'rollout'], features: ['deployments'] },
];

/** Listed when a scenario of the run checks them. */
export const patterns: readonly Pattern[] = [
  ...listedPatterns,
  { name: 'network faults', tags: ['packet'], features: ['toxics'] },
  { name: 'load', tags: ['load'] },
  { name: 'generated inputs', tags: ['fuzz', 'explore', 'tip-jar-explore'] },
];

/** The most specific tag wins (cucumber lists a scenario's own tags after its feature's); then the feature file; else "other". */
export function patternOf(tags: readonly string[], uri: string): string {
  for (const tag of [...tags].reverse()) {
    const name = tag.replace(/^@/, '');
    const found = patterns.find((pattern) => pattern.tags.some((candidate) => name === candidate || name.startsWith(`${candidate}-`)));
    if (found) return found.name;
  }
  const file = uri.split('/').pop()?.replace(/\.feature$/, '') ?? '';
  return patterns.find((pattern) => pattern.features?.includes(file))?.name ?? 'other';
}

export function exercisedFailure(evidence: ScenarioEvidence | undefined): boolean {
  if (!evidence) return false;
  return evidence.faults.length > 0 || evidence.disasterRecovery !== undefined || (evidence.fuzzRuns?.length ?? 0) > 0 || evidence.notes.exploration !== undefined;
}

/** A fault's dependency: its target without an upstream route ("payment-gateway POST /charges" → "payment-gateway"). */
const dependencyOf = (target: string) => target.split(' ')[0] ?? target;

const resilienceScoreFormula =
  'score = the mean of the patterns\' scores, each pattern weighing the same (weight = 1 ÷ patterns with a fault); ' +
  'a pattern\'s score = its passed scenarios ÷ its scenarios that injected a fault (the fault ledger), a failover, a fuzz run or an exploration. ' +
  'Failed, skipped, pending, undefined and ambiguous scenarios count as not passed. ' +
  'Equal pattern weights keep a pattern with many scenarios (retries) from outweighing one with few (bulkhead).';

const rounded = (fraction: number) => Math.round(fraction * 1000) / 10;

function failedStep(scenario: ScenarioReport): { step: string; message: string } {
  const step = scenario.steps.find((candidate) => candidate.status === 'failed' || candidate.status === 'ambiguous') ?? scenario.steps.find((candidate) => candidate.status !== 'passed');
  if (!step) return { step: 'no step ran', message: scenario.verdict };
  const message = step.error?.split('\n').find((line) => line.trim().length > 0)?.trim().replace(/^(Assertion)?Error: /, '') ?? (step.status === 'undefined' ? 'no step definition matches this sentence' : `the step is ${step.status}`);
  return { step: step.kind === 'hook' ? `${step.keyword} hook` : `${step.keyword.trim()} ${step.text}`, message: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}

export function summarise(scenarios: readonly ScenarioReport[]): ReportSummary {
  const byVerdict = Object.fromEntries(verdictSchema.options.map((verdict) => [verdict, 0])) as Record<Verdict, number>;
  for (const scenario of scenarios) byVerdict[scenario.verdict]++;
  const ref = (scenario: ScenarioReport) => ({ scenarioId: scenario.id, scenario: scenario.name, pattern: scenario.pattern });
  const faulted = scenarios.filter((scenario) => scenario.exercisedFailure);

  const patternRows = [...patterns.map((pattern) => pattern.name), 'other'].map((name) => {
    const all = scenarios.filter((scenario) => scenario.pattern === name);
    const withFault = all.filter((scenario) => scenario.exercisedFailure);
    const passed = withFault.filter((scenario) => scenario.verdict === 'passed').length;
    return { pattern: name, scenarios: all.length, withFault: withFault.length, passed, percent: withFault.length === 0 ? null : rounded(passed / withFault.length), weight: 0 };
  });
  const counted = patternRows.filter((row) => row.withFault > 0);
  for (const row of counted) row.weight = Math.round((1 / counted.length) * 1000) / 1000;
  const percent = counted.length === 0 ? null : rounded(counted.reduce((sum, row) => sum + (row.passed / row.withFault) / counted.length, 0));

  const dependencies = new Map<string, { scenarios: Set<ScenarioReport>; faults: Map<string, Set<ScenarioReport>> }>();
  for (const scenario of scenarios) {
    for (const fault of scenario.evidence?.faults ?? []) {
      const entry = dependencies.get(dependencyOf(fault.target)) ?? { scenarios: new Set(), faults: new Map() };
      entry.scenarios.add(scenario);
      entry.faults.set(fault.kind, (entry.faults.get(fault.kind) ?? new Set()).add(scenario));
      dependencies.set(dependencyOf(fault.target), entry);
    }
  }
  const passedOf = (set: Set<ScenarioReport>) => [...set].filter((scenario) => scenario.verdict === 'passed').length;
  const dependencyRows = [...dependencies]
    .map(([dependency, entry]) => ({
      dependency,
      scenarios: entry.scenarios.size,
      passed: passedOf(entry.scenarios),
      faults: [...entry.faults].map(([kind, set]) => ({ kind, scenarios: set.size, passed: passedOf(set) })).sort((a, b) => a.kind.localeCompare(b.kind)),
    }))
    .sort((a, b) => a.passed - a.scenarios - (b.passed - b.scenarios) || b.scenarios - a.scenarios || a.dependency.localeCompare(b.dependency));

  // Skipped scenarios did not fail (an earlier failure or --fail-fast stopped them); they count as not passed in the score.
  const failures = scenarios
    .filter((scenario) => scenario.verdict !== 'passed' && scenario.verdict !== 'skipped')
    .sort((a, b) => Number(b.exercisedFailure) - Number(a.exercisedFailure))
    .map((scenario) => ({
      ...ref(scenario),
      uri: scenario.feature.uri,
      ...(scenario.line === undefined ? {} : { line: scenario.line }),
      verdict: scenario.verdict,
      ...failedStep(scenario),
      figures: scenarioFigures(scenario.evidence).filter((figure) => figure.ok === false).slice(0, 3).map(({ text, ok }) => ({ text, ok: ok ?? false })),
    }));
  // Only measurements and retry gaps can be near misses; scenarioFigures keeps their order (its sort is stable).
  const nearMisses = scenarios.flatMap((scenario) =>
    scenarioFigures(scenario.evidence)
      .filter((figure) => figure.nearMiss)
      .map((figure) => ({ ...ref(scenario), text: figure.text, ...(figure.marginMs === undefined ? {} : { marginMs: Math.round(figure.marginMs * 10) / 10 }) })),
  );
  const recovery = scenarios.flatMap((scenario) => {
    const figures = scenario.evidence ? recoveryFigures(scenario.evidence) : [];
    return figures.length === 0 ? [] : [{ ...ref(scenario), figures }];
  });

  const withoutFault = scenarios.filter((scenario) => !scenario.exercisedFailure);
  const notCounted = [
    ...(withoutFault.length === 0
      ? []
      : [{ what: `${countOf(withoutFault.length, 'scenario')} without a fault (${withoutFault.slice(0, 10).map((scenario) => `${scenario.pattern}: ${scenario.name}`).join('; ')}${withoutFault.length > 10 ? '; …' : ''})`, why: 'they check behaviour with nothing broken, which says nothing about resilience; their verdicts still count in the totals' }]),
  ];
  const unchecked = patternRows.slice(0, listedPatterns.length).filter((row) => row.scenarios === 0).map((row) => row.pattern);
  if (unchecked.length > 0) notCounted.push({ what: unchecked.join(', '), why: 'no scenario of this run checks them: untested, neither resilient nor not' });
  const failedPatterns = counted.filter((row) => row.passed < row.withFault).map((row) => row.pattern);
  const resilient = faulted.length === 0 ? null : failedPatterns.length === 0;
  const untested = patternRows.slice(0, listedPatterns.length).filter((row) => row.withFault === 0).map((row) => row.pattern);
  const headline =
    resilient === null
      ? 'No verdict: no scenario injected a fault'
      : resilient
        ? `Resilient in ${counted.length === 1 ? 'the one pattern' : counted.length === 2 ? 'both patterns' : `all ${counted.length} patterns`} tested with faults${nearMisses.length > 0 ? `, with ${countOf(nearMisses.length, 'near miss', 'near misses')}` : ''}${untested.length > 0 ? `; untested under faults: ${untested.join(', ')}` : ''}`
        : `Not resilient: ${failedPatterns.length} of ${countOf(counted.length, 'pattern')} failed under faults (${failedPatterns.join(', ')})`;
  const measurements = scenarios.flatMap((scenario) => scenario.evidence?.measurements ?? []);
  return {
    resilient,
    headline,
    scenarios: scenarios.length,
    byVerdict,
    faultsInjected: scenarios.reduce((sum, scenario) => sum + (scenario.evidence?.faults.filter((fault) => fault.injectedAt !== undefined).length ?? 0), 0),
    measurements: { total: measurements.length, withinBound: measurements.filter((measurement) => measurement.ok).length, nearMisses: nearMisses.length },
    patterns: patternRows.filter((row, index) => index < listedPatterns.length || row.scenarios > 0),
    dependencies: dependencyRows,
    failures,
    nearMisses,
    recovery,
    failovers: summariseFailovers(scenarios),
    resilienceScore: { percent, passed: faulted.filter((scenario) => scenario.verdict === 'passed').length, counted: faulted.length, formula: resilienceScoreFormula, notCounted },
  };
}
