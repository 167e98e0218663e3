// The shaded band that marks when a fault was active, drawn behind every time-based chart.
import type { FaultRecord } from '../faults/fault.js';
import { escapeHtml } from './html-escape.js';
import { formatMs, formatOffset } from './report-format.js';
import type { ScenarioTimeline } from './scenario-timeline.js';
import { round, type PlotArea } from './svg-axes.js';

/** `at` maps epoch milliseconds to the chart's x coordinate. */
export function faultWindowShading(area: PlotArea, at: (epochMs: number) => number, faults: readonly FaultRecord[], timeline: ScenarioTimeline, labelled = true): string {
  return faults
    .filter((fault) => fault.injectedAt !== undefined)
    .map((fault, index) => {
      const start = fault.injectedAt ?? timeline.originMs;
      const end = fault.removedAt ?? timeline.endMs;
      const x0 = Math.max(area.left, at(start));
      const width = Math.max(1.5, round(Math.min(area.right, at(end)) - x0));
      const until = fault.removedAt === undefined ? 'never removed' : `${formatOffset(end, timeline.originMs)} (${formatMs(end - start)})`;
      const title = `${fault.description}: ${formatOffset(start, timeline.originMs)} → ${until}`;
      const label = labelled
        ? `<text class="fault-label" x="${round(x0 + 4)}" y="${area.top + 12 + (index % 4) * 13}">${escapeHtml(`${fault.kind} · ${fault.target}${fault.removedAt === undefined ? ' (not removed)' : ''}`)}</text>`
        : '';
      return `<g class="fault-window"><title>${escapeHtml(title)}</title><rect x="${x0}" y="${area.top}" width="${width}" height="${round(area.bottom - area.top)}"/>${label}</g>`;
    })
    .join('');
}
