// One scenario in the HTML report: its verdict, the spec sentences as they ran, what was injected
// and when, every measurement against its bound, the charts, and on failure what a person needs to
// find the cause (container logs, Toxiproxy's state).
import { breakerTimelineChart } from './breaker-timeline-chart.js';
import type { DiagnosticsEvidence, ScenarioEvidence } from './evidence.js';
import { escapeHtml } from './html-escape.js';
import { eventsSection } from './html-events-section.js';
import { integritySection } from './html-integrity-section.js';
import { explorationSection } from './html-exploration-section.js';
import { card, table, verdictBadge, yesNo } from './html-parts.js';
import { latencyChart } from './latency-chart.js';
import { formatClock, formatDateTime, formatMs, formatOffset, formatQuantity } from './report-format.js';
import type { ScenarioReport, StepReport } from './resilience-report.js';
import { retryGapChart } from './retry-gap-chart.js';
import { scenarioTimeline, type ScenarioTimeline } from './scenario-timeline.js';

export function scenarioAnchor(index: number): string {
  return `scenario-${index + 1}`;
}

function stepItem(step: StepReport): string {
  const sentence =
    step.kind === 'hook'
      ? `<span class="hook">${escapeHtml(step.keyword)} hook${step.text ? ` “${escapeHtml(step.text)}”` : ''}</span>`
      : `<span class="keyword">${escapeHtml(step.keyword.trim())}</span> ${escapeHtml(step.text)}`;
  // A duration means something only for steps that ran to a verdict.
  const ran = step.status === 'passed' || step.status === 'failed';
  const duration = ` <span class="step-duration">${ran ? formatMs(step.durationMs) : step.status}</span>`;
  const dataTable = step.dataTable ? `<table>${step.dataTable.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('')}</table>` : '';
  const docString = step.docString !== undefined ? `<pre>${escapeHtml(step.docString)}</pre>` : '';
  const error = step.error ? `<pre class="error">${escapeHtml(step.error)}</pre>` : '';
  return `<li class="${escapeHtml(step.status)}">${sentence}${duration}${dataTable}${docString}${error}</li>`;
}

function steps(scenario: ScenarioReport): string {
  // Passing hooks are plumbing; a failing one is part of the story.
  const shown = scenario.steps.filter((step) => step.kind === 'step' || (step.status !== 'passed' && step.status !== 'skipped'));
  return `<h3>Specification</h3><ol class="steps">${shown.map(stepItem).join('')}</ol>`;
}

function faults(evidence: ScenarioEvidence, timeline: ScenarioTimeline | undefined): string {
  if (evidence.faults.length === 0) return '';
  const when = (epochMs: number | undefined) =>
    epochMs === undefined ? '—' : `${escapeHtml(formatClock(epochMs))}${timeline ? ` <span class="mono">(${escapeHtml(formatOffset(epochMs, timeline.originMs))})</span>` : ''}`;
  const rows = evidence.faults.map((fault) => [
    escapeHtml(fault.description),
    `<code>${escapeHtml(fault.kind)}</code>`,
    escapeHtml(fault.target),
    fault.injectedAt === undefined ? '<span class="not-ok">not injected</span>' : when(fault.injectedAt),
    fault.injectedAt !== undefined && fault.removedAt === undefined ? '<span class="not-ok">not removed</span>' : when(fault.removedAt),
    fault.injectedAt !== undefined && fault.removedAt !== undefined ? escapeHtml(formatMs(fault.removedAt - fault.injectedAt)) : '—',
  ]);
  return `<h3>Faults injected</h3>${table(['What', 'Kind', 'Where (link)', 'Injected', 'Removed', 'Active for'], rows, [5])}`;
}

function measurements(evidence: ScenarioEvidence): string {
  if (evidence.measurements.length === 0) return '';
  const rows = evidence.measurements.map((measurement) => [
    escapeHtml(measurement.label) + (measurement.detail ? `<div class="measurement-detail">${escapeHtml(measurement.detail)}</div>` : ''),
    `<strong>${escapeHtml(formatQuantity(measurement.measured, measurement.unit))}</strong>`,
    escapeHtml(measurement.bound),
    yesNo(measurement.ok, 'within bound', 'outside bound'),
  ]);
  return `<h3>Measured against the specification</h3>${table(['Claim', 'Measured', 'Bound', 'Verdict'], rows, [1])}`;
}

function loadPhases(evidence: ScenarioEvidence, timeline: ScenarioTimeline | undefined): string {
  const phases = evidence.loadPhases ?? [];
  if (phases.length === 0) return '';
  const rows = phases.map((phase) => [
    escapeHtml(phase.name),
    escapeHtml(timeline ? `${formatOffset(phase.startedAt, timeline.originMs)} → ${formatOffset(phase.endedAt, timeline.originMs)}` : formatMs(phase.endedAt - phase.startedAt)),
    String(phase.requests),
    String(phase.errors),
    String(phase.timeouts),
    escapeHtml(formatMs(phase.latencyMs.p50)),
    phase.latencyMs.p90 === undefined ? '—' : escapeHtml(formatMs(phase.latencyMs.p90)),
    escapeHtml(formatMs(phase.latencyMs.p99)),
    phase.latencyMs.max === undefined ? '—' : escapeHtml(formatMs(phase.latencyMs.max)),
  ]);
  return `<h3>Load phases</h3>${table(['Phase', 'When', 'Requests', 'Errors', 'Timeouts', 'p50', 'p90', 'p99', 'max'], rows, [2, 3, 4, 5, 6, 7, 8])}`;
}

function disasterRecovery(evidence: ScenarioEvidence): string {
  const dr = evidence.disasterRecovery;
  if (!dr) return '';
  const rtoOk = dr.rtoMs !== undefined && dr.bounds?.rtoMs !== undefined ? dr.rtoMs <= dr.bounds.rtoMs : undefined;
  const rpoOk = dr.rpoCount !== undefined && dr.bounds?.rpoCount !== undefined ? dr.rpoCount <= dr.bounds.rpoCount : undefined;
  const cards = [
    dr.rtoMs === undefined ? '' : card(`RTO: fault → first acknowledged write${dr.bounds?.rtoMs === undefined ? '' : ` (bound ${formatMs(dr.bounds.rtoMs)})`}`, formatMs(dr.rtoMs), rtoOk),
    dr.rpoCount === undefined ? '' : card(`RPO: acknowledged writes lost${dr.bounds?.rpoCount === undefined ? '' : ` (bound ${dr.bounds.rpoCount})`}`, String(dr.rpoCount), rpoOk),
    card('lost (acknowledged, absent)', String(dr.lost), dr.lost === 0),
    card('duplicated', String(dr.duplicated), dr.duplicated === 0),
    card('unexpected (never attempted)', String(dr.unexpected), dr.unexpected === 0),
    dr.failedButPresent === undefined ? '' : card('failed but present', String(dr.failedButPresent)),
  ].join('');
  const history = `Writes attempted: ${dr.history.ok + dr.history.failed + dr.history.unknown} — ${dr.history.ok} acknowledged, ${dr.history.failed} failed, ${dr.history.unknown} unknown outcome.`;
  return `<h3>Disaster recovery</h3><div class="figures">${cards}</div><p>${escapeHtml(history)}</p>`;
}

function fuzzRuns(evidence: ScenarioEvidence): string {
  const runs = evidence.fuzzRuns ?? [];
  if (runs.length === 0) return '';
  const rows = runs.map((run) => [
    escapeHtml(run.property),
    String(run.runs),
    `<code>${escapeHtml(String(run.seed))}</code>`,
    yesNo(run.ok, 'held', 'counterexample'),
    run.counterexample === undefined ? '—' : `<code>${escapeHtml(run.counterexample)}</code>${run.path === undefined ? '' : `<br>path <code>${escapeHtml(run.path)}</code>`}`,
    `<code class="replay">${escapeHtml(run.replayCommand)}</code>`,
  ]);
  return `<h3>Generated inputs and fault schedules</h3>${table(['Property', 'Runs', 'Seed', 'Result', 'Counterexample', 'Replay'], rows, [1])}`;
}

function configuration(evidence: ScenarioEvidence): string {
  const entries = Object.entries(evidence.service.configuration);
  if (entries.length === 0) return '';
  const rows = entries.map(([key, value]) => [`<code>${escapeHtml(key)}</code>`, `<code>${escapeHtml(value)}</code>`]);
  return `<details class="sub"><summary>Service configuration (${entries.length} settings)</summary>${table(['Setting', 'Value'], rows)}</details>`;
}

function notes(evidence: ScenarioEvidence): string {
  if (Object.keys(evidence.notes).length === 0) return '';
  return `<details class="sub"><summary>Notes</summary><pre>${escapeHtml(JSON.stringify(evidence.notes, null, 2))}</pre></details>`;
}

function isDiagnostics(value: unknown): value is DiagnosticsEvidence {
  return value !== null && typeof value === 'object' && 'logs' in value;
}

function diagnostics(evidence: ScenarioEvidence): string {
  const value = evidence.diagnostics;
  if (value === undefined) return '';
  if (!isDiagnostics(value)) return `<h3>Diagnostics</h3><pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
  const logs = Object.entries(value.logs)
    .map(([service, text]) => {
      const lines = text.split('\n').filter((line) => line.length > 0).length;
      return `<details class="sub"><summary>Container log: ${escapeHtml(service)} (last ${lines} ${lines === 1 ? 'line' : 'lines'})</summary><pre>${escapeHtml(text)}</pre></details>`;
    })
    .join('');
  const toxiproxy =
    value.toxiproxy === undefined
      ? ''
      : `<details class="sub"><summary>Toxiproxy state at failure</summary><pre>${escapeHtml(typeof value.toxiproxy === 'string' ? value.toxiproxy : JSON.stringify(value.toxiproxy, null, 2))}</pre></details>`;
  return `<h3>Diagnostics at failure</h3>${logs}${toxiproxy}`;
}

function problems(scenario: ScenarioReport): string {
  if (scenario.evidenceProblems.length === 0) return '';
  return `<div class="problems"><strong>Evidence problems</strong><ul>${scenario.evidenceProblems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul></div>`;
}

export function scenarioSection(scenario: ScenarioReport, index: number, open: boolean): string {
  const evidence = scenario.evidence;
  const timeline = evidence ? scenarioTimeline(evidence, scenario.finishedAt) : undefined;
  const charts = evidence && timeline ? latencyChart(evidence, timeline) + breakerTimelineChart(evidence, timeline) : '';
  const tags = scenario.tags.length > 0 ? `<span class="tags">${scenario.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join('')}</span>` : '';
  const attempts = scenario.attempts > 1 ? ` <span class="badge pending">${scenario.attempts} attempts</span>` : '';
  const started = scenario.startedAt > 0 ? `<p class="chart-note">Started ${escapeHtml(formatDateTime(scenario.startedAt))} · <code>${escapeHtml(scenario.feature.uri)}</code></p>` : '';
  const body = [
    started,
    problems(scenario),
    steps(scenario),
    evidence ? faults(evidence, timeline) : '',
    evidence ? measurements(evidence) : '',
    charts,
    evidence ? loadPhases(evidence, timeline) : '',
    evidence ? retryGapChart(evidence) : '',
    evidence ? disasterRecovery(evidence) : '',
    evidence ? fuzzRuns(evidence) : '',
    evidence ? explorationSection(evidence) : '',
    evidence ? eventsSection(evidence, timeline) : '',
    evidence ? integritySection(evidence) : '',
    evidence ? configuration(evidence) + notes(evidence) : '',
    evidence ? diagnostics(evidence) : '',
  ].join('');
  return (
    `<article class="scenario ${escapeHtml(scenario.verdict)}" id="${scenarioAnchor(index)}"><details${open ? ' open' : ''}>` +
    `<summary>${verdictBadge(scenario.verdict)}${attempts}<span class="title">${escapeHtml(scenario.name)}</span>` +
    `<span class="feature-name">${escapeHtml(scenario.feature.name)}</span>${tags}` +
    `<span class="duration">${scenario.durationMs === undefined ? '' : escapeHtml(formatMs(scenario.durationMs))}</span></summary>` +
    `<div class="scenario-body">${body}</div></details></article>`
  );
}
