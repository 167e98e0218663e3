// One scenario in the HTML report: its verdict, the spec sentences as they ran, what was injected
// and when, its figures in plain words, the charts, the explored fault space, and on failure what a
// person needs to find the cause (container logs, Toxiproxy's state).
import { breakerChart, journeyChart, latencyChart, retryGapChart, scenarioTimeline, writeTimelineChart } from './charts.js';
import { eventsNoteSchema, explorationNoteSchema, type ScenarioEvidence } from './evidence.js';
import { failoverFigures, fuzzFigures, haSettings, measurementFigure, recoveryFigures, retryGapFigures } from './figures.js';
import { badge, escapeHtml, figureList, table } from './html-parts.js';
import { countOf, featureLine, formatDateTime, formatMs, formatOffset } from './report-format.js';
import type { ScenarioReport, StepReport } from './resilience-report.js';

export const scenarioAnchor = (scenario: Pick<ScenarioReport, 'id'>) => `scenario-${scenario.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const collapsed = (summary: string, body: string) => `<details class="sub"><summary>${escapeHtml(summary)}</summary>${body}</details>`;
const pre = (value: unknown) => `<pre>${escapeHtml(typeof value === 'string' ? value : JSON.stringify(value, null, 2))}</pre>`;

function stepItem(step: StepReport): string {
  const sentence = step.kind === 'hook' ? `<em>${escapeHtml(step.keyword)} hook${step.text ? ` “${escapeHtml(step.text)}”` : ''}</em>` : `<b>${escapeHtml(step.keyword.trim())}</b> ${escapeHtml(step.text)}`;
  // A duration means something only for steps that ran to a verdict.
  const ran = step.status === 'passed' || step.status === 'failed';
  const dataTable = step.dataTable ? `<table>${step.dataTable.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</table>` : '';
  const docString = step.docString === undefined ? '' : pre(step.docString);
  const error = step.error ? `<pre class="error">${escapeHtml(step.error)}</pre>` : '';
  return `<li class="${escapeHtml(step.status)}">${sentence} <span class="note">${ran ? formatMs(step.durationMs) : step.status}</span>${dataTable}${docString}${error}</li>`;
}

function faults(evidence: ScenarioEvidence, originMs: number | undefined): string {
  if (evidence.faults.length === 0) return '';
  const when = (at: number | undefined, missing: string) => (at === undefined ? `<span class="bad">${missing}</span>` : escapeHtml(originMs === undefined ? formatDateTime(at) : formatOffset(at, originMs)));
  const rows = evidence.faults.map((fault) => [
    escapeHtml(fault.description),
    `<code>${escapeHtml(fault.kind)}</code>`,
    escapeHtml(fault.target),
    when(fault.injectedAt, 'not injected'),
    fault.injectedAt === undefined ? '—' : when(fault.removedAt, 'not removed'),
    fault.injectedAt !== undefined && fault.removedAt !== undefined ? escapeHtml(formatMs(fault.removedAt - fault.injectedAt)) : '—',
  ]);
  return `<h3>Faults injected</h3>${table(['What', 'Kind', 'Where', 'Injected', 'Removed', 'Active for'], rows, [5])}`;
}

function figures(evidence: ScenarioEvidence): string {
  const measured = evidence.measurements.map(measurementFigure);
  // The producer's detail explains a verdict; under a figure that passed cleanly it is noise.
  const detail = (index: number) => {
    const text = measured[index]?.ok && !measured[index]?.nearMiss ? undefined : evidence.measurements[index]?.detail?.replace(/:\s*$/, '');
    return text ? `<div class="note">${escapeHtml(text)}</div>` : '';
  };
  const more = [...retryGapFigures(evidence), ...recoveryFigures(evidence, Infinity), ...fuzzFigures(evidence)];
  const stages = Object.entries(eventsNoteSchema.safeParse(evidence.notes.events).data?.stages ?? {});
  if (stages.length > 0) more.push({ text: `event journey steps: ${stages.map(([stage, count]) => `${count} ${stage}`).join(', ')}` });
  for (const phase of evidence.loadPhases ?? []) more.push({ text: `${phase.name} phase: ${phase.requests} requests, ${phase.errors} errors, ${phase.timeouts} timeouts; p50 ${formatMs(phase.latencyMs.p50)}${phase.latencyMs.p90 === undefined ? '' : `, p90 ${formatMs(phase.latencyMs.p90)}`}, p99 ${formatMs(phase.latencyMs.p99)}${phase.latencyMs.max === undefined ? '' : `, max ${formatMs(phase.latencyMs.max)}`}` });
  if (measured.length + more.length === 0) return '';
  return `<h3>Measured against the specification</h3>${figureList(measured, detail)}${figureList(more)}`;
}

/** Under the RTO and RPO: which primary took over and when, the writes over time, and the HA settings they were measured with. */
function failover(evidence: ScenarioEvidence): string {
  const dr = evidence.disasterRecovery;
  if (!dr || (!dr.failover && !dr.timeline && !dr.settings)) return '';
  const { manager, settings } = haSettings(dr);
  const settingsTable = settings.length === 0 ? '' : `<p class="note">Measured with ${escapeHtml(manager)}:</p>${table(settings.map(([key]) => key), [settings.map(([, value]) => escapeHtml(value))])}`;
  return `<h3>Failover</h3>${figureList(failoverFigures(dr))}${writeTimelineChart(dr)}${settingsTable}`;
}

/** The explorer's matrix (interaction × fault kind → what the callers saw), failing rows and columns first, then its counterexamples. */
function exploration(evidence: ScenarioEvidence): string {
  const note = explorationNoteSchema.safeParse(evidence.notes.exploration).data;
  if (!note) return '';
  const { stats, matrix, counterexamples } = note;
  const broken = (cells: readonly ({ broken: readonly string[] } | undefined)[]) => cells.filter((cell) => cell && cell.broken.length > 0).length;
  const rows = [...matrix.rows].sort((a, b) => broken(Object.values(b.cells)) - broken(Object.values(a.cells)));
  const kinds = [...matrix.kinds].sort((a, b) => broken(rows.map((row) => row.cells[b])) - broken(rows.map((row) => row.cells[a])));
  const cell = (value: { outcome: string; broken: readonly string[] } | undefined) =>
    value === undefined ? '—' : value.broken.length === 0 ? escapeHtml(value.outcome) : `<span class="bad">${escapeHtml(value.outcome)}<br>broke ${escapeHtml(value.broken.join(', '))}</span>`;
  const stopped = stats.stoppedBy === null ? '' : stats.stoppedBy === 'first counterexample' ? '; stopped at the first counterexample' : `; stopped by the ${stats.stoppedBy} budget`;
  const figures = [
    { text: `${stats.runs} runs, ${formatMs(stats.meanRunMs)} each on average${stopped}` },
    { text: `pruning saved ${stats.pairsPruned} of ${stats.pairsWithoutPruning} fault pairs (${stats.pairsPlanned} planned); ${matrix.pairs.length} pairs run, ${matrix.pairs.filter((pair) => pair.broken.length > 0).length} broke an invariant` },
    { text: `${countOf(counterexamples.length, 'counterexample')}`, ok: counterexamples.length === 0 },
  ];
  const examples = counterexamples.map((example) => [
    escapeHtml(example.oracle),
    `<code>${escapeHtml(example.faults.join(', ') || 'none (the fault-free run breaks it)')}</code>`,
    `<code>${escapeHtml(example.seed)}</code>`,
    escapeHtml(example.detail),
    `<code>${escapeHtml(example.replay)}</code>`,
  ]);
  return (
    `<h3>Explored fault space</h3>${figureList(figures)}` +
    `<div class="wide">${table(['Interaction', ...kinds], rows.map((row) => [`<code>${escapeHtml(row.position)}</code>`, ...kinds.map((kind) => cell(row.cells[kind]))]))}</div>` +
    (examples.length === 0 ? '' : table(['Invariant broken', 'Minimal fault set', 'Seed', 'Seen', 'Replay'], examples))
  );
}

function diagnostics(evidence: ScenarioEvidence): string {
  const value = evidence.diagnostics;
  if (!value) return '';
  const logs = Object.entries(value.logs).map(([service, text]) => collapsed(`Container log: ${service} (last ${text.split('\n').filter(Boolean).length} lines)`, pre(text)));
  return `<h3>Diagnostics at failure</h3>${logs.join('')}${value.toxiproxy === undefined ? '' : collapsed('Toxiproxy state at failure', pre(value.toxiproxy))}`;
}

export function scenarioSection(scenario: ScenarioReport, open: boolean): string {
  const evidence = scenario.evidence;
  const timeline = evidence ? scenarioTimeline(evidence, scenario.finishedAt) : undefined;
  // Passing hooks are plumbing; a failing one is part of the story.
  const steps = scenario.steps.filter((step) => step.kind === 'step' || (step.status !== 'passed' && step.status !== 'skipped'));
  const configuration = Object.entries(evidence?.service.configuration ?? {});
  const body = [
    `<p class="note">${scenario.startedAt > 0 ? `Started ${escapeHtml(formatDateTime(scenario.startedAt))} · ` : ''}<code>${escapeHtml(featureLine(scenario.feature.uri, scenario.line))}</code> · ${escapeHtml(scenario.tags.join(' '))}</p>`,
    scenario.evidenceProblems.length === 0 ? '' : `<div class="problems"><b>Evidence problems</b><ul>${scenario.evidenceProblems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul></div>`,
    `<h3>Specification</h3><ol class="steps">${steps.map(stepItem).join('')}</ol>`,
    evidence ? faults(evidence, timeline?.originMs) + figures(evidence) + failover(evidence) : '',
    evidence && timeline ? latencyChart(evidence, timeline) + breakerChart(evidence, timeline) + journeyChart(evidence, timeline) : '',
    evidence ? retryGapChart(evidence) + exploration(evidence) : '',
    configuration.length === 0 ? '' : collapsed(`Service configuration (${configuration.length} settings)`, table(['Setting', 'Value'], configuration.map(([key, value]) => [`<code>${escapeHtml(key)}</code>`, `<code>${escapeHtml(value)}</code>`]))),
    evidence && Object.keys(evidence.notes).length > 0 ? collapsed('Notes (the checkers\' full output)', pre(evidence.notes)) : '',
    evidence ? diagnostics(evidence) : '',
  ].join('');
  return (
    `<article class="scenario ${escapeHtml(scenario.verdict)}" id="${scenarioAnchor(scenario)}"><details${open ? ' open' : ''}>` +
    `<summary>${badge(scenario.verdict)}${scenario.attempts > 1 ? ` ${badge('pending', `${scenario.attempts} attempts`)}` : ''}<span class="title">${escapeHtml(scenario.name)}</span>` +
    `<span class="note">${escapeHtml(scenario.pattern)} · ${escapeHtml(scenario.feature.name)}</span><span class="duration">${scenario.durationMs === undefined ? '' : escapeHtml(formatMs(scenario.durationMs))}</span></summary>` +
    `<div class="scenario-body">${body}</div></details></article>`
  );
}
