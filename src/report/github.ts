// On GitHub Actions: the summary goes into the job summary ($GITHUB_STEP_SUMMARY) and each scenario
// that did not pass becomes an error annotation on its feature file line.
import { appendFile } from 'node:fs/promises';
import type { ResilienceReport } from './resilience-report.js';

// GitHub's workflow-command escaping: data escapes %, CR and LF; properties also : and ,.
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const where = (uri: string, line: number | undefined) => `file=${property(uri)}${line === undefined ? '' : `,line=${line}`}`;

/** An error per failed scenario; a warning per near miss, which passed only thanks to the tolerance. */
export function githubAnnotations(report: ResilienceReport): string[] {
  const errors = report.summary.failures.map((failure) => {
    const title = property(`${failure.pattern}: ${failure.scenario} ${failure.verdict}`);
    const figures = failure.figures.map((figure) => figure.text);
    return `::error ${where(failure.uri, failure.line)},title=${title}::${data([`${failure.step}: ${failure.message}`, ...figures].join('\n'))}`;
  });
  const warnings = report.summary.nearMisses.flatMap((miss) => {
    const scenario = report.scenarios.find((candidate) => candidate.id === miss.scenarioId);
    return scenario ? [`::warning ${where(scenario.feature.uri, scenario.line)},title=${property(`near miss in ${miss.pattern}: ${miss.scenario}`)}::${data(miss.text)}`] : [];
  });
  return [...errors, ...warnings];
}

export async function publishToGitHub(report: ResilienceReport, markdown: string, environment: Readonly<Record<string, string | undefined>> = process.env, out: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  if (environment.GITHUB_STEP_SUMMARY) await appendFile(environment.GITHUB_STEP_SUMMARY, `${markdown}\n`, 'utf8');
  if (environment.GITHUB_ACTIONS === 'true' || environment.GITHUB_STEP_SUMMARY) for (const line of githubAnnotations(report)) out(line);
}
