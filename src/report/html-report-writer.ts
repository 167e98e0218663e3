// The HTML report: one self-contained file. No scripts, no external resources, and a Content
// Security Policy that forbids loading anything, so that opening it offline (or from a CI artefact
// store that serves it) can never reach the network.
import { escapeHtml } from './html-escape.js';
import { card, table, verdictBadge, yesNo } from './html-parts.js';
import { scenarioAnchor, scenarioSection } from './html-scenario-section.js';
import { reportStyles } from './html-styles.js';
import { keyFigures } from './key-figures.js';
import { countOf, formatDateTime, formatMs, formatPercent } from './report-format.js';
import type { ResilienceReport, Verdict } from './resilience-report.js';
import { round } from './svg-axes.js';

const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
/** Up to this many scenarios are expanded when the page opens; beyond it only the failed ones. */
const expandAllUpTo = 20;
const barOrder: readonly Verdict[] = ['passed', 'failed', 'ambiguous', 'undefined', 'pending', 'skipped', 'unknown'];

function verdictBar(report: ResilienceReport): string {
  const total = report.summary.scenarios;
  if (total === 0) return '';
  let x = 0;
  const segments = barOrder
    .filter((verdict) => report.summary.byVerdict[verdict] > 0)
    .map((verdict) => {
      const count = report.summary.byVerdict[verdict];
      const width = round((count / total) * 1000);
      const rect = `<rect class="fill-${verdict}" x="${x}" y="0" width="${width}" height="14"><title>${count} ${verdict}</title></rect>`;
      x = round(x + width);
      return rect;
    })
    .join('');
  return `<svg class="verdict-bar" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label="scenarios by verdict">${segments}</svg>`;
}

function summary(report: ResilienceReport): string {
  const { summary } = report;
  const score = summary.resilienceScore;
  const others = summary.scenarios - summary.byVerdict.passed - summary.byVerdict.failed;
  const cards = [
    card('resilience score', formatPercent(score.percent), score.percent === null ? undefined : score.percent === 100, 'score'),
    card('scenarios', String(summary.scenarios)),
    card('passed', String(summary.byVerdict.passed), summary.byVerdict.passed > 0 ? true : undefined),
    card('failed', String(summary.byVerdict.failed), summary.byVerdict.failed > 0 ? false : undefined),
    card('skipped, pending, undefined', String(others), others > 0 ? false : undefined),
    card('faults injected', String(summary.faultsInjected)),
    card('measurements within bound', `${summary.measurements.withinBound}/${summary.measurements.total}`, summary.measurements.total === 0 ? undefined : summary.measurements.withinBound === summary.measurements.total),
  ].join('');
  const outcome = score.counted === 0 ? 'n/a: no scenario exercised a failure' : `${formatPercent(score.percent)} = ${score.passed} passed of ${countOf(score.counted, 'counted scenario')}`;
  const formula = `Resilience score ${outcome}. ${score.formula}`;
  return `<section class="panel"><h2>Summary</h2><div class="cards">${cards}</div>${verdictBar(report)}<p class="formula">${escapeHtml(formula)}</p></section>`;
}

function matrix(report: ResilienceReport): string {
  const { dependencies, faultKinds, cells } = report.matrix;
  if (cells.length === 0) {
    return `<section class="panel"><h2>Dependency × fault type</h2><p>No scenario recorded an injected fault.</p></section>`;
  }
  const key = (dependency: string, kind: string) => JSON.stringify([dependency, kind]);
  const byPair = new Map(cells.map((cell) => [key(cell.dependency, cell.faultKind), cell]));
  const body = dependencies
    .map((dependency) => {
      const row = faultKinds
        .map((kind) => {
          const cell = byPair.get(key(dependency, kind));
          if (!cell) return '<td class="uncovered">—</td>';
          return `<td class="${cell.passed === cell.scenarios ? 'all-passed' : 'some-failed'}">${cell.passed}/${cell.scenarios} passed</td>`;
        })
        .join('');
      return `<tr><th>${escapeHtml(dependency)}</th>${row}</tr>`;
    })
    .join('');
  const header = `<tr>${['Dependency (link)', ...faultKinds].map((title) => `<th>${escapeHtml(title)}</th>`).join('')}</tr>`;
  return (
    `<section class="panel"><h2>Dependency × fault type</h2>` +
    `<table class="matrix"><thead>${header}</thead><tbody>${body}</tbody></table>` +
    `<p class="formula">Each cell counts the scenarios that injected that fault type on that link, and how many of them passed. “—”: not covered by any scenario of this run.</p></section>`
  );
}

function index(report: ResilienceReport): string {
  if (report.scenarios.length === 0) return `<section class="panel"><h2>Scenarios</h2><p>The run held no scenarios.</p></section>`;
  const rows = report.scenarios.map((scenario, position) => {
    const faults = [...new Set((scenario.evidence?.faults ?? []).map((fault) => `${fault.kind} · ${fault.target}`))];
    const figures = keyFigures(scenario);
    const figureList = figures.length
      ? `<ul class="index-figures">${figures.map((figure) => `<li>${figure.ok === undefined ? escapeHtml(figure.text) : yesNo(figure.ok, figure.text, figure.text)}</li>`).join('')}</ul>`
      : '—';
    return [
      verdictBadge(scenario.verdict),
      `<a href="#${scenarioAnchor(position)}">${escapeHtml(scenario.name)}</a><br><span class="chart-note">${escapeHtml(scenario.feature.name)}</span>`,
      faults.length ? faults.map((fault) => escapeHtml(fault)).join('<br>') : '—',
      figureList,
      scenario.durationMs === undefined ? '—' : escapeHtml(formatMs(scenario.durationMs)),
    ];
  });
  return `<section class="panel"><h2>Scenarios</h2>${table(['Verdict', 'Scenario', 'Faults', 'Key figures', 'Duration'], rows, [4])}</section>`;
}

function mutants(report: ResilienceReport): string {
  if (report.mutants.length === 0) return '';
  const rows = report.mutants.map((mutant) => [
    escapeHtml(mutant.name),
    yesNo(mutant.killed, 'killed', 'survived'),
    mutant.killedBy === undefined ? '—' : escapeHtml(mutant.killedBy),
    escapeHtml(mutant.reportedBy),
  ]);
  const survived = report.mutants.filter((mutant) => !mutant.killed).length;
  const verdict = survived === 0 ? 'Every broken configuration was caught by a failing scenario.' : `${survived} broken configuration(s) passed the suite unnoticed: the suite cannot fail for them.`;
  return `<section class="panel"><h2>Mutation checks</h2><p>${escapeHtml(verdict)}</p>${table(['Broken configuration', 'Result', 'Killed by', 'Reported by'], rows)}</section>`;
}

function runLine(report: ResilienceReport): string {
  const { run } = report;
  const parts = [
    run.startedAt === undefined ? undefined : `Run started ${formatDateTime(run.startedAt)}`,
    run.durationMs === undefined ? undefined : `took ${formatMs(run.durationMs)}`,
    run.success === undefined ? 'run did not finish' : `cucumber reported the run as ${run.success ? 'successful' : 'failed'}`,
    report.generator.cucumberVersion === undefined ? undefined : `cucumber-js ${report.generator.cucumberVersion}`,
  ].filter((part): part is string => part !== undefined);
  return parts.join(' · ');
}

export function renderHtmlReport(report: ResilienceReport): string {
  const { summary: figures } = report;
  const title = `Faultline resilience report — ${figures.byVerdict.passed}/${figures.scenarios} passed`;
  const expandAll = report.scenarios.length <= expandAllUpTo;
  const scenarios = report.scenarios.map((scenario, position) => scenarioSection(scenario, position, expandAll || scenario.verdict !== 'passed')).join('\n');
  const runMessage = report.run.message ? `<section class="panel"><h2>Run error</h2><pre class="error">${escapeHtml(report.run.message)}</pre></section>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${reportStyles}</style>
</head>
<body>
<header class="page-header"><h1>Faultline resilience report</h1><p class="meta">${escapeHtml(runLine(report))}</p></header>
<main>
${summary(report)}
${runMessage}
${matrix(report)}
${index(report)}
${mutants(report)}
<section><h2>Scenario details</h2>
${scenarios}
</section>
</main>
<footer>Faultline · report schema version ${report.schemaVersion} · all times UTC · this file loads nothing from the network</footer>
</body>
</html>
`;
}
