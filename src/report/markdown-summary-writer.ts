// summary.md: the answer at a glance, for $GITHUB_STEP_SUMMARY and pull-request comments. The same
// order as the HTML's first screen: verdict, failures, near misses, patterns, dependencies,
// recovery, failovers, comparison, mutation checks, how the score is computed. GitHub renders HTML
// inside Markdown, so user text is escaped for both.
import { countOf, featureLine, formatMs, formatPercent, verdictCounts } from './report-format.js';
import { failoverColumns, failoversTitle, rtoSpread, scenarioRto } from './failovers.js';
import { mutantRunWords, mutationScoreWords } from './mutant-run.js';
import type { Figure, ResilienceReport } from './resilience-report.js';

// GitHub caps a job summary at 1 MiB; long lists are cut well before that, and say so.
const maximumItems = 30;

/** Text safe in a Markdown table cell: no HTML, no emphasis or links by accident, one line. */
export function escapeMarkdown(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/([\\`*_[\]|~])/g, '\\$1').replace(/\s*\n\s*/g, ' ');
}

const mark = (figure: Figure) => (figure.ok === false ? '❌ ' : figure.nearMiss ? '⚠️ near miss: ' : figure.ok ? '✅ ' : '');
const passed = (count: number, of: number) => `${count === of ? '✅' : '❌'} ${count} of ${of} passed`;

function section(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const more = lines.length > maximumItems ? [`- … and ${lines.length - maximumItems} more in the HTML report`] : [];
  return ['', `### ${title}`, '', ...lines.slice(0, maximumItems), ...more];
}

export function renderMarkdownSummary(report: ResilienceReport, htmlReportName = 'resilience-report.html'): string {
  const { summary } = report;
  const icon = summary.resilient === null ? '⚠️' : summary.resilient ? '✅' : '❌';
  const lines = [
    `## ${icon} ${escapeMarkdown(summary.headline)}`,
    '',
    `**Score ${formatPercent(summary.resilienceScore.percent)}** (each pattern weighs the same) · ${summary.scenarios} scenarios: ${verdictCounts(summary.byVerdict) || 'none ran'} · ` +
      `${countOf(summary.faultsInjected, 'fault')} injected · ${countOf(summary.measurements.nearMisses, 'near miss', 'near misses')}${report.run.durationMs === undefined ? '' : ` · run took ${formatMs(report.run.durationMs)}`}`,
    ...section(
      `Failures (${summary.failures.length})`,
      summary.failures.flatMap((failure) => [
        `- ❌ **${escapeMarkdown(failure.pattern)}** › ${escapeMarkdown(failure.scenario)} (\`${featureLine(failure.uri, failure.line)}\`, ${failure.verdict}): \`${failure.step.replace(/`/g, "'")}\`: ${escapeMarkdown(failure.message)}`,
        ...failure.figures.map((figure) => `  - ${mark(figure)}${escapeMarkdown(figure.text)}`),
      ]),
    ),
    ...section(`Near misses (${summary.nearMisses.length}): passed only thanks to the tolerance`, summary.nearMisses.map((miss) => `- ⚠️ **${escapeMarkdown(miss.pattern)}** › ${escapeMarkdown(miss.scenario)}: ${escapeMarkdown(miss.text)}`)),
    '',
    '### By pattern',
    '',
    '| Pattern | With a fault | Score | Weight |',
    '|---|---|---:|---:|',
    ...summary.patterns.map(
      (row) => `| ${escapeMarkdown(row.pattern)} | ${row.withFault > 0 ? passed(row.passed, row.withFault) : row.scenarios === 0 ? 'not tested' : 'no fault injected'} | ${row.percent === null ? '—' : formatPercent(row.percent)} | ${row.weight === 0 ? '—' : formatPercent(Math.round(row.weight * 1000) / 10)} |`,
    ),
  ];
  if (summary.dependencies.length > 0) {
    lines.push('', '### By dependency', '', '| Dependency | Scenarios | Faults (passed/scenarios) |', '|---|---|---|');
    for (const row of summary.dependencies) lines.push(`| ${escapeMarkdown(row.dependency)} | ${passed(row.passed, row.scenarios)} | ${row.faults.map((fault) => `${escapeMarkdown(fault.kind)} ${fault.passed}/${fault.scenarios}`).join(', ')} |`);
  }
  lines.push(...section('Recovery: RTO, RPO and the checkers', summary.recovery.map((entry) => `- **${escapeMarkdown(entry.scenario)}**: ${entry.figures.map((figure) => mark(figure) + escapeMarkdown(figure.text)).join('; ')}`)));
  const { failovers } = summary;
  lines.push(
    ...section(failoversTitle(failovers), failovers.groups.length === 0 ? [] : [
      `| ${failoverColumns.join(' | ')} |`,
      `|---|---|${'---:|'.repeat(failoverColumns.length - 2)}`,
      ...failovers.groups.map((group) => `| ${[group.kind, group.manager].map(escapeMarkdown).join(' | ')} | ${[group.count, ...rtoSpread(group), group.lost, group.splitBrainWrites].join(' | ')} |`),
      '',
      ...failovers.groups.map((group) => `- ${escapeMarkdown(`${group.kind} · ${group.manager}: ${group.scenarios.map((entry) => `${entry.scenario} ${scenarioRto(entry)}`).join('; ')}${group.settings.map((settings) => `; measured with ${settings}`).join('')}`)}`),
    ]),
  );
  const compared = report.comparison;
  if (compared) {
    const changes = [
      ...compared.newlyFailing.map((name) => `- ❌ newly failing: ${escapeMarkdown(name)}`),
      ...compared.newlyPassing.map((name) => `- ✅ newly passing: ${escapeMarkdown(name)}`),
      ...compared.slower.map((entry) => `- 🐢 slower: ${escapeMarkdown(entry.scenario)}: ${escapeMarkdown(entry.label)} ${formatMs(entry.beforeMs)} → ${formatMs(entry.afterMs)}`),
    ];
    lines.push(...section(`Compared with ${escapeMarkdown(compared.against)}`, changes.length > 0 ? changes : ['- nothing newly failing, newly passing or slower']));
  }
  const mutants = report.mutants;
  if (mutants) {
    const words = mutantRunWords(mutants);
    lines.push(
      ...section(
        `Mutation checks (${escapeMarkdown(words.source)})`,
        [
          `${words.tone === 'good' ? '✅' : words.tone === 'near' ? '⚠️' : '❌'} ${escapeMarkdown(words.headline)}`,
          ...mutants.results
            .filter((result) => !result.notRun)
            .map((result) =>
              result.killed
                ? `- ✅ ${escapeMarkdown(result.name)}: killed by ${escapeMarkdown(result.scenario ?? 'a scenario')}${result.step ? ` at \`${result.step.replace(/`/g, "'")}\`` : ''}`
                : `- ❌ **${escapeMarkdown(result.name)} survived**${result.breaks ? `: ${escapeMarkdown(result.breaks)}` : ''}`,
            ),
          ...(mutants.results.some((result) => result.notRun) ? [`- ⚪ not run: ${mutants.results.filter((result) => result.notRun).map((result) => escapeMarkdown(result.name)).join(', ')}`] : []),
        ],
      ),
    );
  }
  if (report.mutationScore) {
    const words = mutationScoreWords(report.mutationScore);
    const { survivors, notMeasured } = report.mutationScore;
    lines.push(
      ...section(`Source-level mutation score (${escapeMarkdown(words.source)})`, [
        `${words.tone === 'good' ? '✅' : words.tone === 'near' ? '⚠️' : '❌'} ${escapeMarkdown(words.headline)}`,
        ...(words.subset ? [escapeMarkdown(words.subset)] : []),
        ...survivors.map((entry) => `- ❌ ${escapeMarkdown(entry.module)} #${entry.id} ${entry.mutatorName}${entry.status === 'survived' ? '' : ` (${entry.status})`}: \`${(entry.diff.split('\n').find((line) => line.startsWith('+ ')) ?? entry.diff).slice(2).trim().replace(/`/g, "'")}\``),
        ...(notMeasured.length > 0 ? [`- ⚪ not measured yet: ${notMeasured.map(escapeMarkdown).join(', ')}`] : []),
      ]),
    );
  }
  const score = summary.resilienceScore;
  lines.push('', `<sub>${escapeMarkdown(score.formula)} Not counted: ${score.notCounted.map((entry) => `${escapeMarkdown(entry.what)} (${escapeMarkdown(entry.why)})`).join('; ') || 'nothing'}. Full report: ${escapeMarkdown(htmlReportName)}.</sub>`, '');
  return lines.join('\n');
}
