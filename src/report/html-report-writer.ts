// The HTML report: one self-contained file. No scripts, no external resources, and a Content
// Security Policy that forbids loading anything, so that opening it offline (or from a CI artefact
// store that serves it) can never reach the network. It answers first: resilient or not, by pattern
// and by dependency, failures, near misses; the evidence of each scenario follows.
import { badge, escapeHtml, figureList, table } from './html-parts.js';
import { scenarioAnchor, scenarioSection } from './html-scenario-section.js';
import { reportStyles } from './html-styles.js';
import { countOf, featureLine, formatDateTime, formatMs, formatPercent, verdictCounts } from './report-format.js';
import { failoverColumns, failoversTitle, rtoSpread, scenarioRto } from './failovers.js';
import { mutantRunWords, mutationScoreWords } from './mutant-run.js';
import type { ResilienceReport } from './resilience-report.js';

const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
/** Up to this many scenarios are expanded when the page opens; beyond it only those that did not pass. */
const expandAllUpTo = 20;

const panel = (title: string, body: string, className = '') => (body ? `<section class="panel ${className}"><h2>${escapeHtml(title)}</h2>${body}</section>` : '');
const link = (report: ResilienceReport, id: string, text: string) => {
  const scenario = report.scenarios.find((candidate) => candidate.id === id);
  return scenario ? `<a href="#${scenarioAnchor(scenario)}">${escapeHtml(text)}</a>` : escapeHtml(text);
};
const passedOf = (passed: number, total: number) => `<span class="${passed === total ? 'good' : 'bad'}">${passed} of ${total} passed</span>`;

function verdict(report: ResilienceReport): string {
  const { summary } = report;
  const tone = summary.resilient === null ? 'info' : summary.resilient ? 'good' : 'bad';
  const score = summary.resilienceScore;
  return (
    `<section class="verdict ${tone}"><p class="headline">${escapeHtml(summary.headline)}</p>` +
    `<p>Score <b>${formatPercent(score.percent)}</b> (each pattern weighs the same; how: below) · ${summary.scenarios} scenarios: ${escapeHtml(verdictCounts(summary.byVerdict) || 'none ran')} · ` +
    `${countOf(summary.faultsInjected, 'fault')} injected · ${summary.measurements.total} measurements, ${summary.measurements.withinBound} within bound, ${countOf(summary.measurements.nearMisses, 'near miss', 'near misses')}</p></section>`
  );
}

function failures(report: ResilienceReport): string {
  const items = report.summary.failures.map(
    (failure) =>
      `<li>${badge(failure.verdict)} <b>${escapeHtml(failure.pattern)}</b> › ${link(report, failure.scenarioId, failure.scenario)} <code>${escapeHtml(featureLine(failure.uri, failure.line))}</code>` +
      `<div><code>${escapeHtml(failure.step)}</code>: ${escapeHtml(failure.message)}</div>${figureList(failure.figures)}</li>`,
  );
  return panel(`Failures (${items.length})`, items.length ? `<ul class="failures">${items.join('')}</ul>` : '', 'alert');
}

function nearMisses(report: ResilienceReport): string {
  const items = report.summary.nearMisses.map((miss) => `<li><b>${escapeHtml(miss.pattern)}</b> › ${link(report, miss.scenarioId, miss.scenario)}: ${escapeHtml(miss.text)}</li>`);
  return panel(`Near misses (${items.length}): passed only thanks to the tolerance`, items.length ? `<ul>${items.join('')}</ul>` : '', 'warn');
}

function byPatternAndDependency(report: ResilienceReport): string {
  const patterns = report.summary.patterns.map((row) => [
    escapeHtml(row.pattern),
    row.withFault > 0 ? passedOf(row.passed, row.withFault) : `<span class="note">${row.scenarios === 0 ? 'not tested' : 'no fault injected'}</span>`,
    row.percent === null ? '—' : formatPercent(row.percent),
    row.weight === 0 ? '—' : formatPercent(Math.round(row.weight * 1000) / 10),
    String(row.scenarios),
  ]);
  // A column per fault kind injected: which dependency was tested with which fault, and how it went.
  const kinds = [...new Set(report.summary.dependencies.flatMap((row) => row.faults.map((fault) => fault.kind)))].sort();
  const dependencies = report.summary.dependencies.map((row) => [
    escapeHtml(row.dependency),
    passedOf(row.passed, row.scenarios),
    ...kinds.map((kind) => {
      const fault = row.faults.find((candidate) => candidate.kind === kind);
      return fault ? `<span class="${fault.passed === fault.scenarios ? 'good' : 'bad'}">${fault.passed}/${fault.scenarios}</span>` : '<span class="note">—</span>';
    }),
  ]);
  const matrix = dependencies.length ? `<div class="wide">${table(['Dependency', 'All its faults', ...kinds], dependencies)}</div><p class="note">Each cell: scenarios that injected that fault kind on that dependency, passed/all; —: not covered by this run.</p>` : '<p>No scenario injected a fault.</p>';
  return panel('By pattern (scenarios with a fault)', table(['Pattern', 'Verdict', 'Score', 'Weight', 'Scenarios'], patterns, [2, 3, 4])) + panel('By dependency × fault kind (what the faults hit)', matrix);
}

function recovery(report: ResilienceReport): string {
  const items = report.summary.recovery.map((entry) => `<li><b>${escapeHtml(entry.pattern)}</b> › ${link(report, entry.scenarioId, entry.scenario)}${figureList(entry.figures)}</li>`);
  return panel('Recovery: RTO, RPO and the checkers', items.length ? `<ul>${items.join('')}</ul>` : '');
}

function failovers(report: ResilienceReport): string {
  const { failovers } = report.summary;
  const rows = failovers.groups.map((group) => [
    escapeHtml(group.kind),
    escapeHtml(group.manager),
    String(group.count),
    ...rtoSpread(group),
    `<span class="${group.lost === 0 ? 'good' : 'bad'}">${group.lost}</span>`,
    `<span class="${group.splitBrainWrites === 0 ? 'good' : 'bad'}">${group.splitBrainWrites}</span>`,
    group.scenarios.map((entry) => `${link(report, entry.scenarioId, entry.scenario)}: ${scenarioRto(entry)}`).join('<br>') +
      group.settings.map((settings) => `<div class="note">measured with ${escapeHtml(settings)}</div>`).join(''),
  ]);
  return panel(failoversTitle(failovers), rows.length ? table([...failoverColumns, 'Each scenario\'s RTO'], rows, [2, 3, 4, 5, 6, 7]) : '');
}

function comparison(report: ResilienceReport): string {
  const compared = report.comparison;
  if (!compared) return '';
  const list = (title: string, items: readonly string[], className: string) => (items.length ? `<h3>${escapeHtml(title)} (${items.length})</h3><ul class="${className}">${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '');
  const slower = compared.slower.map((entry) => `${entry.scenario}: ${entry.label} ${formatMs(entry.beforeMs)} → ${formatMs(entry.afterMs)}`);
  const body = list('Newly failing', compared.newlyFailing, 'bad') + list('Newly passing', compared.newlyPassing, 'good') + list('Slower (by 20 % and 10 ms or more)', slower, '');
  const when = compared.againstStartedAt === undefined ? '' : ` (run of ${formatDateTime(compared.againstStartedAt)})`;
  return panel('Compared with an earlier run', `<p class="note">Against <code>${escapeHtml(compared.against)}</code>${escapeHtml(when)}.</p>${body || '<p>Nothing newly failing, newly passing or slower.</p>'}`);
}

function mutants(report: ResilienceReport): string {
  const run = report.mutants;
  if (!run) return panel('Mutation checks', '<p>No mutant results: run <code>npm run test:mutants</code> to show that the suite can fail for each pattern.</p>');
  const words = mutantRunWords(run);
  const rows = run.results.map((result) => [
    `${escapeHtml(result.name)}${result.breaks ? `<div class="note">${escapeHtml(result.breaks)}</div>` : ''}`,
    result.killed ? '<span class="good">killed</span>' : result.notRun ? '<span class="note">not run</span>' : '<span class="bad">survived</span>',
    escapeHtml(result.scenario ?? '—'),
    result.step ? `<code>${escapeHtml(result.step)}</code>` : '—',
  ]);
  const source = run.source === 'this run' ? 'Results of this run.' : `From ${words.source}: this run did not execute the mutants.`;
  return panel('Mutation checks', `<p class="${words.tone}">${escapeHtml(words.headline)}</p><p class="note">${escapeHtml(source)}</p>${table(['Broken configuration', 'Result', 'Killed by scenario', 'at step'], rows)}`);
}

function mutationScore(report: ResilienceReport): string {
  const score = report.mutationScore;
  if (!score) return '';
  const words = mutationScoreWords(score);
  const percent = (value: number | null) => (value === null ? '—' : `${value} %`);
  const modules = score.modules.map((entry) => [`<code>${escapeHtml(entry.module)}</code><div class="note">${escapeHtml(entry.tags)}</div>`, percent(entry.score), String(entry.killed + entry.timeout), String(entry.survived + entry.noCoverage + entry.errors), String(entry.ignored)]);
  const survivors = score.survivors.map((entry) => [`<code>${escapeHtml(entry.module)}</code> #${escapeHtml(entry.id)}`, `${escapeHtml(entry.mutatorName)}${entry.status === 'survived' ? '' : ` (${escapeHtml(entry.status)})`}`, `<pre>${escapeHtml(entry.diff)}</pre>`]);
  const notMeasured = score.notMeasured.length === 0 ? '' : `<p class="near">Not measured yet: ${score.notMeasured.map((module) => `<code>${escapeHtml(module)}</code>`).join(', ')}.</p>`;
  return panel(
    'Source-level mutation score',
    `<p class="${words.tone}">${escapeHtml(words.headline)}</p><p class="note">From ${escapeHtml(words.source)}. Each module's mutants run against the scenarios that cover it; only a failing Then kills.</p>${words.subset ? `<p class="note">${escapeHtml(words.subset)}</p>` : ''}${notMeasured}${table(['Module', 'Score', 'Killed', 'Not killed', 'Left out'], modules)}${survivors.length === 0 ? '' : `<p>Survivors: changes to the source that no scenario noticed</p>${table(['Mutant', 'Mutator', 'Change'], survivors)}`}`,
  );
}

function score(report: ResilienceReport): string {
  const { resilienceScore } = report.summary;
  const notCounted = resilienceScore.notCounted.map((entry) => `<li><b>${escapeHtml(entry.what)}</b>: ${escapeHtml(entry.why)}</li>`).join('');
  return panel('How the score is computed', `<p>${escapeHtml(resilienceScore.formula)}</p>${notCounted ? `<p>Not counted, and why</p><ul>${notCounted}</ul>` : ''}`);
}

export function renderHtmlReport(report: ResilienceReport): string {
  const { run } = report;
  const runLine = [
    run.startedAt === undefined ? undefined : `Run started ${formatDateTime(run.startedAt)}`,
    run.durationMs === undefined ? undefined : `took ${formatMs(run.durationMs)}`,
    run.success === undefined ? 'the run did not finish' : `cucumber reported the run as ${run.success ? 'successful' : 'failed'}`,
    report.generator.cucumberVersion === undefined ? undefined : `cucumber-js ${report.generator.cucumberVersion}`,
  ].filter(Boolean).join(' · ');
  const expandAll = report.scenarios.length <= expandAllUpTo;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(`Faultline: ${report.summary.headline}`)}</title>
<style>${reportStyles}</style>
</head>
<body>
<header class="page-header"><h1>Faultline resilience report</h1><p class="meta">${escapeHtml(runLine)}</p></header>
<main>
${verdict(report)}
${run.message ? panel('Run error', `<pre class="error">${escapeHtml(run.message)}</pre>`, 'alert') : ''}
${failures(report)}
${nearMisses(report)}
${byPatternAndDependency(report)}
${recovery(report)}
${failovers(report)}
${comparison(report)}
${mutants(report)}
${mutationScore(report)}
${score(report)}
<section><h2>Scenarios</h2>
${report.scenarios.length === 0 ? '<p>The run held no scenarios.</p>' : ''}${report.scenarios.map((scenario) => scenarioSection(scenario, expandAll || scenario.verdict !== 'passed')).join('\n')}
</section>
</main>
<footer>Faultline · report schema version ${report.schemaVersion} · all times UTC · this file loads nothing from the network</footer>
</body>
</html>
`;
}
