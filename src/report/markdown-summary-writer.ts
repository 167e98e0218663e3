// summary.md: the run at a glance, for $GITHUB_STEP_SUMMARY and pull-request comments. GitHub
// renders HTML inside Markdown, so user text is escaped for both.
import { keyFigures } from './key-figures.js';
import { countOf, formatMs, formatPercent } from './report-format.js';
import type { ResilienceReport, ScenarioReport, Verdict } from './resilience-report.js';

// GitHub caps a job summary at 1 MiB; a long run is cut well before that, and says so.
const maximumScenarioRows = 200;
const maximumFailures = 30;

const verdictMarks: Record<Verdict, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  ambiguous: '❌ ambiguous',
  undefined: '⚠️ undefined',
  pending: '⚠️ pending',
  skipped: '⏭️ skipped',
  unknown: '❔ unknown',
};

/** Text safe in a Markdown table cell: no HTML, no emphasis or links by accident (with [ ] escaped, parentheses are inert), one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\s*\n\s*/g, ' ');
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim().length > 0) ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function scenarioRow(scenario: ScenarioReport): string {
  const faults = [...new Set((scenario.evidence?.faults ?? []).map((fault) => `${fault.kind} · ${fault.target}`))];
  const figures = keyFigures(scenario).map((figure) => `${figure.ok === undefined ? '' : figure.ok ? '✅ ' : '❌ '}${escapeMarkdown(figure.text)}`);
  return `| ${verdictMarks[scenario.verdict]} | ${escapeMarkdown(scenario.feature.name)} › ${escapeMarkdown(scenario.name)} | ${faults.map(escapeMarkdown).join('<br>') || '—'} | ${figures.join('<br>') || '—'} | ${scenario.durationMs === undefined ? '—' : formatMs(scenario.durationMs)} |`;
}

function failure(scenario: ScenarioReport): string {
  const step = scenario.steps.find((candidate) => candidate.status === 'failed' || candidate.status === 'ambiguous') ?? scenario.steps.find((candidate) => candidate.status !== 'passed');
  const where = step ? (step.kind === 'hook' ? `${step.keyword} hook` : `${step.keyword.trim()} ${step.text}`) : 'no step ran';
  const why = step?.error ? `: ${escapeMarkdown(firstLine(step.error))}` : step ? ` (${step.status})` : '';
  return `- **${escapeMarkdown(scenario.name)}** — \`${where.replace(/`/g, "'")}\`${why}`;
}

export function renderMarkdownSummary(report: ResilienceReport, htmlReportName = 'resilience-report.html'): string {
  const { summary } = report;
  const notPassed = report.scenarios.filter((scenario) => scenario.verdict !== 'passed');
  const headline =
    summary.scenarios === 0
      ? '⚠️ Faultline resilience report: no scenarios ran'
      : notPassed.length === 0
        ? `✅ Faultline resilience report: ${summary.scenarios === 1 ? 'the scenario' : `all ${summary.scenarios} scenarios`} passed`
        : `❌ Faultline resilience report: ${notPassed.length} of ${countOf(summary.scenarios, 'scenario')} did not pass`;
  const score = summary.resilienceScore;
  const counts = (['passed', 'failed', 'ambiguous', 'undefined', 'pending', 'skipped', 'unknown'] as const)
    .filter((verdict) => summary.byVerdict[verdict] > 0)
    .map((verdict) => `${summary.byVerdict[verdict]} ${verdict}`)
    .join(', ');
  const lines = [
    `## ${headline}`,
    '',
    `**Resilience score: ${formatPercent(score.percent)}** ` +
      (score.counted === 0 ? '(no scenario exercised a failure) · ' : `(${score.passed} of ${countOf(score.counted, 'scenario')} that exercised a failure passed) · `) +
      `${countOf(summary.scenarios, 'scenario')}${counts ? `: ${counts}` : ''} · ${countOf(summary.faultsInjected, 'fault')} injected · ` +
      `${summary.measurements.withinBound}/${summary.measurements.total} measurements within bound` +
      (report.run.durationMs === undefined ? '' : ` · run took ${formatMs(report.run.durationMs)}`),
    '',
    '| Verdict | Scenario | Faults | Key figures | Duration |',
    '|---|---|---|---|---:|',
    ...report.scenarios.slice(0, maximumScenarioRows).map(scenarioRow),
  ];
  if (report.scenarios.length > maximumScenarioRows) lines.push('', `_${report.scenarios.length - maximumScenarioRows} more scenarios are in the HTML report._`);
  const failed = notPassed.slice(0, maximumFailures);
  if (failed.length > 0) {
    lines.push('', '### Did not pass', '', ...failed.map(failure));
    if (notPassed.length > failed.length) lines.push(`- … and ${notPassed.length - failed.length} more`);
  }
  const { dependencies, faultKinds, cells } = report.matrix;
  if (cells.length > 0) {
    const byPair = new Map(cells.map((cell) => [JSON.stringify([cell.dependency, cell.faultKind]), cell]));
    lines.push('', '### Dependency × fault type (passed/covered)', '', `| Dependency | ${faultKinds.map(escapeMarkdown).join(' | ')} |`, `|---|${faultKinds.map(() => '---:').join('|')}|`);
    for (const dependency of dependencies) {
      const row = faultKinds.map((kind) => {
        const cell = byPair.get(JSON.stringify([dependency, kind]));
        return cell ? `${cell.passed}/${cell.scenarios} ${cell.passed === cell.scenarios ? '✅' : '❌'}` : '—';
      });
      lines.push(`| ${escapeMarkdown(dependency)} | ${row.join(' | ')} |`);
    }
  }
  const survivors = report.mutants.filter((mutant) => !mutant.killed);
  if (report.mutants.length > 0) {
    lines.push('', `### Mutation checks: ${report.mutants.length - survivors.length}/${report.mutants.length} broken configurations caught`);
    for (const mutant of survivors) lines.push(`- ❌ survived: ${escapeMarkdown(mutant.name)}`);
  }
  lines.push('', `<sub>${escapeMarkdown(score.formula)} Full report: ${escapeMarkdown(htmlReportName)}.</sub>`, '');
  return lines.join('\n');
}
