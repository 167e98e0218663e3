// The circuit breaker's state over time, one lane per state, on the same time axis as the latency
// chart so that "the breaker opened while the fault was active" can be read off directly.
import type { BreakerState, ScenarioEvidence } from './evidence.js';
import { faultWindowShading } from './fault-window-shading.js';
import { escapeHtml } from './html-escape.js';
import { formatClock, formatMs, formatOffset } from './report-format.js';
import type { ScenarioTimeline } from './scenario-timeline.js';
import { legend, linearScale, plotArea, round, svgFrame, xAxis } from './svg-axes.js';

const lanes: readonly BreakerState[] = ['closed', 'half-open', 'open'];

export function breakerTimelineChart(evidence: ScenarioEvidence, timeline: ScenarioTimeline): string {
  const transitions = evidence.breakerTransitions ?? [];
  if (transitions.length === 0) return '';
  const laneHeight = 26;
  const area = plotArea(760, 12 + lanes.length * laneHeight + 44, { left: 64, right: 16, top: 12, bottom: 44 });
  const x = linearScale([0, (timeline.endMs - timeline.originMs) / 1000], [area.left, area.right]);
  const at = (epochMs: number) => x((epochMs - timeline.originMs) / 1000);
  const laneTop = (state: BreakerState) => area.top + lanes.indexOf(state) * laneHeight;

  const segments: { state: BreakerState; from: number; to: number }[] = [];
  let state = transitions[0]?.from ?? 'closed';
  let since = timeline.originMs;
  for (const transition of transitions) {
    segments.push({ state, from: since, to: transition.at });
    state = transition.to;
    since = transition.at;
  }
  segments.push({ state, from: since, to: timeline.endMs });

  const laneLabels = lanes
    .map((lane) => `<line class="grid" x1="${area.left}" y1="${laneTop(lane) + laneHeight}" x2="${area.right}" y2="${laneTop(lane) + laneHeight}"/><text class="tick" x="${area.left - 6}" y="${laneTop(lane) + laneHeight / 2 + 4}" text-anchor="end">${lane}</text>`)
    .join('');
  const bars = segments
    .filter((segment) => segment.to > segment.from)
    .map((segment) => {
      const x0 = at(segment.from);
      const title = `${segment.state} from ${formatOffset(segment.from, timeline.originMs)} for ${formatMs(segment.to - segment.from)}`;
      return `<rect class="breaker-${segment.state}" x="${x0}" y="${laneTop(segment.state) + 4}" width="${Math.max(1.5, round(at(segment.to) - x0))}" height="${laneHeight - 8}" rx="3"><title>${escapeHtml(title)}</title></rect>`;
    })
    .join('');
  const marks = transitions
    .map((transition) => {
      const x0 = at(transition.at);
      return `<line class="breaker-transition" x1="${x0}" y1="${laneTop(transition.from) + laneHeight / 2}" x2="${x0}" y2="${laneTop(transition.to) + laneHeight / 2}"><title>${escapeHtml(`${formatOffset(transition.at, timeline.originMs)}: ${transition.from} → ${transition.to}`)}</title></line>`;
    })
    .join('');
  const body =
    faultWindowShading(area, at, evidence.faults, timeline, false) +
    laneLabels +
    xAxis(area, x, `time (s) since ${formatClock(timeline.originMs)}`) +
    bars +
    marks;
  const items = [
    { label: 'closed', swatchClass: 'breaker-closed', shape: 'rect' as const },
    { label: 'half-open', swatchClass: 'breaker-half-open', shape: 'rect' as const },
    { label: 'open', swatchClass: 'breaker-open', shape: 'rect' as const },
  ];
  if (evidence.faults.some((fault) => fault.injectedAt !== undefined)) items.push({ label: 'fault active', swatchClass: 'fault-swatch', shape: 'rect' });
  return `<figure class="chart-figure"><figcaption>Circuit breaker state</figcaption>${svgFrame(area, 'Circuit breaker state over time', body)}${legend(items)}</figure>`;
}
