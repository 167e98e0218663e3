// The order events of a scenario (features/events.feature): the events checker's figures, and each
// event's journey over time (published by the order service; received, shipped, acked, failed,
// nak-ed, skipped as a duplicate or dead-lettered by the fulfilment worker), one lane per stage, on
// the scenario's time axis with the fault windows shaded. Read from the notes the events hooks write.
import type { EventCheckReport } from '../events/event-checker.js';
import type { JourneyStep } from '../events/event-journey.js';
import type { ScenarioEvidence } from './evidence.js';
import { faultWindowShading } from './fault-window-shading.js';
import { escapeHtml } from './html-escape.js';
import { card } from './html-parts.js';
import { formatClock, formatOffset } from './report-format.js';
import type { ScenarioTimeline } from './scenario-timeline.js';
import { legend, linearScale, plotArea, svgFrame, xAxis, type LegendItem } from './svg-axes.js';

const stages = ['published', 'publish-failed', 'received', 'shipped', 'acked', 'failed', 'nak', 'duplicate-skipped', 'dead-lettered'] as const;

interface EventsNote {
  readonly check?: EventCheckReport;
  readonly stages?: Readonly<Record<string, number>>;
  readonly journey?: readonly JourneyStep[];
}

function isEventsNote(value: unknown): value is EventsNote {
  return typeof value === 'object' && value !== null && ('journey' in value || 'check' in value);
}

export function eventsSection(evidence: ScenarioEvidence, timeline: ScenarioTimeline | undefined): string {
  const note = evidence.notes.events;
  if (!isEventsNote(note)) return '';
  const check = note.check;
  const cards = check
    ? [
        card('orders acknowledged', String(check.orders)),
        card('shipped exactly once', String(check.shippedOnce)),
        card('dead-lettered', String(check.deadLettered)),
        card('lost', String(check.lost.length), check.lost.length === 0),
        card('duplicated', String(check.duplicated.length), check.duplicated.length === 0),
        card('unexpected shipments', String(check.unexpected.length), check.unexpected.length === 0),
      ].join('')
    : '';
  const counts = Object.entries(note.stages ?? {}).map(([stage, count]) => `${count} ${stage}`).join(', ');
  return `<h3>Order events</h3>${cards ? `<div class="figures">${cards}</div>` : ''}${counts ? `<p class="chart-note">Journey steps: ${escapeHtml(counts)}.</p>` : ''}${journeyChart(evidence, note.journey ?? [], timeline)}`;
}

function journeyChart(evidence: ScenarioEvidence, journey: readonly JourneyStep[], scenario: ScenarioTimeline | undefined): string {
  if (journey.length === 0) return '';
  // Events go on after the last request (the worker ships later), so the axis spans both.
  const first = Math.min(...journey.map((step) => step.at));
  const timeline = { originMs: Math.min(scenario?.originMs ?? first, first), endMs: scenario?.endMs ?? first };
  const laneHeight = 20;
  const area = plotArea(760, 12 + stages.length * laneHeight + 44, { left: 116, right: 16, top: 12, bottom: 44 });
  const end = Math.max(timeline.endMs, ...journey.map((step) => step.at));
  const x = linearScale([0, (end - timeline.originMs) / 1000], [area.left, area.right]);
  const at = (epochMs: number) => x((epochMs - timeline.originMs) / 1000);
  const laneY = (stage: string) => area.top + stages.indexOf(stage as (typeof stages)[number]) * laneHeight + laneHeight / 2;
  const lanes = stages
    .map((stage) => `<text class="tick" x="${area.left - 6}" y="${laneY(stage) + 4}" text-anchor="end">${stage}</text><line class="grid" x1="${area.left}" y1="${laneY(stage) + laneHeight / 2}" x2="${area.right}" y2="${laneY(stage) + laneHeight / 2}"/>`)
    .join('');
  const dots = journey
    .filter((step) => stages.includes(step.event as (typeof stages)[number]))
    .map((step) => {
      const title = `${formatOffset(step.at, timeline.originMs)}: ${step.event} — order ${step.orderId}${step.delivery === undefined ? '' : `, delivery ${step.delivery}`}${step.error ? `, ${step.error}` : ''}${step.delayMs === undefined ? '' : `, next in ${step.delayMs} ms`}`;
      return `<circle class="journey-${step.event}" cx="${at(step.at)}" cy="${laneY(step.event)}" r="3.5"><title>${escapeHtml(title)}</title></circle>`;
    })
    .join('');
  const body = faultWindowShading(area, at, evidence.faults, timeline, false) + lanes + xAxis(area, x, `time (s) since ${formatClock(timeline.originMs)}`) + dots;
  const items: LegendItem[] = [
    { label: 'on its way', swatchClass: 'journey-received', shape: 'circle' },
    { label: 'done', swatchClass: 'journey-acked', shape: 'circle' },
    { label: 'failed or dead-lettered', swatchClass: 'journey-failed', shape: 'circle' },
  ];
  if (evidence.faults.some((fault) => fault.injectedAt !== undefined)) items.push({ label: 'fault active', swatchClass: 'fault-swatch', shape: 'rect' });
  return `<figure class="chart-figure"><figcaption>Event journeys: each dot is one step of one event</figcaption>${svgFrame(area, 'Order event journeys over time', body)}${legend(items)}</figure>`;
}
