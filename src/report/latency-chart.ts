// Latency over time: every recorded request as a point (x = when it started, y = how long it took),
// load-phase percentiles as lines, and the fault windows shaded behind them.
import type { ScenarioEvidence } from './evidence.js';
import { faultWindowShading } from './fault-window-shading.js';
import { escapeHtml } from './html-escape.js';
import { formatClock, formatMs, formatOffset } from './report-format.js';
import type { ScenarioTimeline } from './scenario-timeline.js';
import { legend, linearScale, niceExtent, plotArea, round, svgFrame, xAxis, yAxis, type LegendItem } from './svg-axes.js';

/** More points than this are thinned evenly; the chart says so. */
export const maximumPlottedRequests = 2_000;
/** Per-point tooltips cost ~100 bytes each; beyond this many points they are left out. */
const maximumPointTitles = 400;
/** Beyond this many requests, flight lines would paint the chart solid. */
const maximumFlights = 200;

function failed(request: ScenarioEvidence['requests'][number]): boolean {
  return request.error !== undefined || request.status === undefined || request.status >= 500;
}

export function latencyChart(evidence: ScenarioEvidence, timeline: ScenarioTimeline): string {
  const phases = evidence.loadPhases ?? [];
  const buckets = phases.flatMap((phase) => phase.series);
  if (evidence.requests.length === 0 && buckets.length === 0) return '';
  const area = plotArea(760, 280, { left: 64, right: 16, top: 12, bottom: 44 });
  const x = linearScale([0, (timeline.endMs - timeline.originMs) / 1000], [area.left, area.right]);
  const at = (epochMs: number) => x((epochMs - timeline.originMs) / 1000);
  const highest = Math.max(
    1,
    ...evidence.requests.map((request) => request.durationMs),
    ...buckets.map((bucket) => bucket.p99Ms ?? bucket.p50Ms ?? 0),
  );
  const extent = niceExtent(highest * 1.05);
  const y = linearScale([0, extent.max], [area.bottom, area.top]);

  const stride = Math.ceil(evidence.requests.length / maximumPlottedRequests);
  const plotted = evidence.requests.filter((_, index) => index % stride === 0);
  const withTitles = plotted.length <= maximumPointTitles;
  const withFlights = plotted.length <= maximumFlights;
  const points = plotted
    .map((request) => {
      const outcome = request.error ?? (request.status === undefined ? 'no answer' : String(request.status));
      const title = withTitles
        ? `<title>${escapeHtml(`${request.label}: ${request.method} ${request.path} → ${outcome} in ${formatMs(request.durationMs)} at ${formatOffset(request.startedAt, timeline.originMs)}`)}</title>`
        : '';
      const outcomeClass = failed(request) ? 'request-failed' : 'request-ok';
      const x0 = at(request.startedAt);
      const cy = y(request.durationMs);
      // The request's flight, start to answer: a hanging call is seen spanning the fault window.
      const flight = withFlights ? `<line class="flight ${outcomeClass}" x1="${x0}" y1="${cy}" x2="${at(request.startedAt + request.durationMs)}" y2="${cy}"/>` : '';
      return `${flight}<circle class="${outcomeClass}" cx="${x0}" cy="${cy}" r="3">${title}</circle>`;
    })
    .join('');

  const series = phases
    .map((phase) => {
      const middle = (bucket: (typeof buckets)[number]) => at(bucket.at + bucket.widthMs / 2);
      const line = (key: 'p50Ms' | 'p99Ms', className: string) => {
        const coordinates = phase.series.filter((bucket) => bucket[key] !== undefined).map((bucket) => `${middle(bucket)},${y(bucket[key] ?? 0)}`);
        return coordinates.length > 0 ? `<polyline class="${className}" points="${coordinates.join(' ')}"/>` : '';
      };
      const errors = phase.series
        .filter((bucket) => bucket.errors > 0)
        .map(
          (bucket) =>
            `<circle class="bucket-errors" cx="${middle(bucket)}" cy="${y(bucket.p99Ms ?? bucket.p50Ms ?? 0)}" r="4"><title>${escapeHtml(`${phase.name}: ${bucket.errors} of ${bucket.requests} requests failed at ${formatOffset(bucket.at, timeline.originMs)}`)}</title></circle>`,
        )
        .join('');
      const boundary = `<line class="phase-boundary" x1="${at(phase.startedAt)}" y1="${area.top}" x2="${at(phase.startedAt)}" y2="${area.bottom}"/><text class="phase-label" x="${round(at(phase.startedAt) + 3)}" y="${area.bottom - 6}">${escapeHtml(phase.name)}</text>`;
      return `<g class="load-phase">${boundary}${line('p50Ms', 'series-p50')}${line('p99Ms', 'series-p99')}${errors}</g>`;
    })
    .join('');

  const body =
    faultWindowShading(area, at, evidence.faults, timeline) +
    xAxis(area, x, `time (s) since ${formatClock(timeline.originMs)}`) +
    yAxis(area, y, 'latency (ms)', extent.ticks) +
    series +
    `<g class="requests">${points}</g>`;
  const items: LegendItem[] = [];
  if (evidence.faults.some((fault) => fault.injectedAt !== undefined)) items.push({ label: 'fault active', swatchClass: 'fault-swatch', shape: 'rect' });
  if (plotted.length > 0) {
    items.push({ label: 'request answered (< 500)', swatchClass: 'request-ok', shape: 'circle' });
    items.push({ label: 'request failed (5xx, error, no answer)', swatchClass: 'request-failed', shape: 'circle' });
  }
  if (buckets.some((bucket) => bucket.p50Ms !== undefined)) items.push({ label: 'load p50 per bucket', swatchClass: 'series-p50', shape: 'line' });
  if (buckets.some((bucket) => bucket.p99Ms !== undefined)) items.push({ label: 'load p99 per bucket', swatchClass: 'series-p99', shape: 'dashed-line' });
  if (buckets.some((bucket) => bucket.errors > 0)) items.push({ label: 'bucket with errors', swatchClass: 'bucket-errors', shape: 'circle' });
  const thinned = stride > 1 ? `<p class="chart-note">Showing ${plotted.length} of ${evidence.requests.length} requests (every ${stride}th).</p>` : '';
  return `<figure class="chart-figure"><figcaption>Latency over time</figcaption>${svgFrame(area, 'Latency over time with fault windows', body)}${legend(items)}${thinned}</figure>`;
}
