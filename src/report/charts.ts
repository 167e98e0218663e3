// The report's inline SVG charts, drawn when the report is written so that the HTML needs no script:
// latency over time, the breaker's state and the events' journeys over time (all on one time axis,
// fault windows shaded behind them), retry gaps against the backoff envelope, and a failover's writes.
import { checkBound } from '../units/tolerance.js';
import { eventsNoteSchema, type BreakerState, type DisasterRecoveryEvidence, type ScenarioEvidence } from './evidence.js';
import { escapeHtml } from './html-parts.js';
import { formatClock, formatMs, formatOffset } from './report-format.js';

interface Area { readonly width: number; readonly height: number; readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }
type Scale = ((value: number) => number) & { readonly domain: readonly [number, number] };
type Swatch = readonly [label: string, className: string, shape: 'rect' | 'circle' | 'line'];

/** More requests than this are thinned evenly; the chart says so. */
const maximumPlottedRequests = 2_000;
const maximumPointTitles = 400;

export const round = (value: number) => Math.round(value * 10) / 10;
// The left margin holds the lane names of the timelines ("duplicate-skipped").
const area = (height: number): Area => ({ width: 760, height, left: 112, right: 744, top: 12, bottom: height - 44 });

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const span = domain[1] - domain[0] || 1;
  return Object.assign((value: number) => round(range[0] + ((value - domain[0]) / span) * (range[1] - range[0])), { domain });
}

/** About `count` ticks on 1-2-2.5-5 steps covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const magnitude = 10 ** Math.floor(Math.log10((max - min) / count));
  const step = [10, 5, 2.5, 2, 1].map((factor) => factor * magnitude).reduce((best, candidate) => (Math.abs((max - min) / candidate - count) < Math.abs((max - min) / best - count) ? candidate : best));
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/** A 0-based extent closed by a tick above `max`, so that the top of the axis is labelled. */
export function niceExtent(max: number, count = 5): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: niceTicks(0, 1, count) };
  const ticks = niceTicks(0, max, count);
  const last = ticks.at(-1) ?? max;
  if (last < max) ticks.push(Number((last + (ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : max)).toPrecision(12)));
  return { max: ticks.at(-1) ?? max, ticks };
}

const tickText = (value: number) => Number(value.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 3 });

function axis(box: Area, scale: Scale, label: string, vertical: boolean, ticks = niceTicks(scale.domain[0], scale.domain[1], vertical ? 5 : 8)): string {
  const marks = ticks.map((tick) => {
    const at = scale(tick);
    return vertical
      ? `<line class="grid" x1="${box.left}" y1="${at}" x2="${box.right}" y2="${at}"/><text class="tick" x="${box.left - 6}" y="${at + 4}" text-anchor="end">${tickText(tick)}</text>`
      : `<line class="grid" x1="${at}" y1="${box.top}" x2="${at}" y2="${box.bottom}"/><text class="tick" x="${at}" y="${box.bottom + 14}" text-anchor="middle">${tickText(tick)}</text>`;
  });
  const middle = round(vertical ? (box.top + box.bottom) / 2 : (box.left + box.right) / 2);
  const title = vertical
    ? `<text class="axis-label" x="12" y="${middle}" text-anchor="middle" transform="rotate(-90 12 ${middle})">${escapeHtml(label)}</text>`
    : `<text class="axis-label" x="${middle}" y="${box.height - 4}" text-anchor="middle">${escapeHtml(label)}</text>`;
  return `<g class="axis">${marks.join('')}${title}</g>`;
}

function figure(caption: string, box: Area, body: string, swatches: readonly Swatch[], note = ''): string {
  const legend = swatches
    .map(([label, className, shape]) => {
      const swatch = shape === 'rect' ? `<rect class="${className}" x="1" y="2" width="14" height="10"/>` : shape === 'circle' ? `<circle class="${className}" cx="8" cy="7" r="4"/>` : `<line class="${className}" x1="0" y1="7" x2="16" y2="7"/>`;
      return `<span class="legend-item"><svg class="swatch" viewBox="0 0 16 14" aria-hidden="true">${swatch}</svg>${escapeHtml(label)}</span>`;
    })
    .join('');
  return `<figure class="chart-figure"><figcaption>${escapeHtml(caption)}</figcaption><svg class="chart" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="${escapeHtml(caption)}"><title>${escapeHtml(caption)}</title>${body}<line class="axis-line" x1="${box.left}" y1="${box.bottom}" x2="${box.right}" y2="${box.bottom}"/></svg><div class="legend">${legend}</div>${note}</figure>`;
}

/** The window the time charts of a scenario share, so that a fault sits at the same x in each. */
export function scenarioTimeline(evidence: ScenarioEvidence, finishedAt?: number): { originMs: number; endMs: number } | undefined {
  const times = [
    ...evidence.requests.flatMap((request) => [request.startedAt, request.startedAt + request.durationMs]),
    ...evidence.faults.flatMap((fault) => [fault.injectedAt, fault.removedAt]).filter((at): at is number => at !== undefined),
    ...(evidence.loadPhases ?? []).flatMap((phase) => [phase.startedAt, phase.endedAt]),
    ...(evidence.breakerTransitions ?? []).map((transition) => transition.at),
    // The worker ships after the last request: the journeys widen the window.
    ...journeyOf(evidence).map((step) => step.at),
  ];
  if (times.length === 0) return undefined;
  // A fault never removed stays shaded to the end of the scenario.
  if (finishedAt !== undefined && evidence.faults.some((fault) => fault.injectedAt !== undefined && fault.removedAt === undefined)) times.push(finishedAt);
  const originMs = Math.min(...times);
  const last = Math.max(...times);
  return { originMs, endMs: last + Math.max(50, (last - originMs) * 0.03) };
}

/**
 * A time chart: x = seconds since the timeline's origin, with the fault windows shaded behind `draw`'s
 * marks; `namedFaults: false` where lanes would sit under the names (a window's title still names it).
 */
function timeChart(evidence: ScenarioEvidence, timeline: { originMs: number; endMs: number }, caption: string, height: number, draw: (box: Area, at: (epochMs: number) => number) => string, swatches: Swatch[], { note = '', namedFaults = true } = {}): string {
  const box = area(height);
  const x = linearScale([0, (timeline.endMs - timeline.originMs) / 1000], [box.left, box.right]);
  const at = (epochMs: number) => x((epochMs - timeline.originMs) / 1000);
  const injected = evidence.faults.filter((fault) => fault.injectedAt !== undefined);
  const windows = injected
    .map((fault, index) => {
      const x0 = Math.max(box.left, at(fault.injectedAt ?? timeline.originMs));
      const end = fault.removedAt ?? timeline.endMs;
      const title = `${fault.description}: ${formatOffset(fault.injectedAt ?? 0, timeline.originMs)} → ${fault.removedAt === undefined ? 'never removed' : `${formatOffset(end, timeline.originMs)} (${formatMs(end - (fault.injectedAt ?? 0))})`}`;
      return `<g class="fault-window"><title>${escapeHtml(title)}</title><rect x="${x0}" y="${box.top}" width="${Math.max(1.5, round(Math.min(box.right, at(end)) - x0))}" height="${box.bottom - box.top}"/>${!namedFaults ? '' : `<text class="fault-label" x="${round(x0 + 4)}" y="${box.top + 12 + (index % 4) * 13}">${escapeHtml(`${fault.kind} · ${fault.target}`)}</text>`}</g>`;
    })
    .join('');
  const legend: Swatch[] = injected.length > 0 ? [['fault active', 'fault-swatch', 'rect'], ...swatches] : swatches;
  return figure(caption, box, windows + axis(box, x, `time (s) since ${formatClock(timeline.originMs)}`, false) + draw(box, at), legend, note);
}

const failedRequest = (request: ScenarioEvidence['requests'][number]) => request.error !== undefined || request.status === undefined || request.status >= 500;

export function latencyChart(evidence: ScenarioEvidence, timeline: { originMs: number; endMs: number }): string {
  const buckets = (evidence.loadPhases ?? []).flatMap((phase) => phase.series);
  if (evidence.requests.length === 0 && buckets.length === 0) return '';
  const stride = Math.ceil(evidence.requests.length / maximumPlottedRequests);
  const plotted = evidence.requests.filter((_, index) => index % stride === 0);
  const draw = (box: Area, at: (epochMs: number) => number) => {
    const extent = niceExtent(Math.max(1, ...evidence.requests.map((request) => request.durationMs), ...buckets.map((bucket) => bucket.p99Ms ?? bucket.p50Ms ?? 0)) * 1.05);
    const y = linearScale([0, extent.max], [box.bottom, box.top]);
    const points = plotted.map((request) => {
      const outcome = request.error ?? (request.status === undefined ? 'no answer' : String(request.status));
      const title = plotted.length <= maximumPointTitles ? `<title>${escapeHtml(`${request.label}: ${request.method} ${request.path} → ${outcome} in ${formatMs(request.durationMs)} at ${formatOffset(request.startedAt, timeline.originMs)}`)}</title>` : '';
      return `<circle class="${failedRequest(request) ? 'request-failed' : 'request-ok'}" cx="${at(request.startedAt)}" cy="${y(request.durationMs)}" r="3">${title}</circle>`;
    });
    const phases = (evidence.loadPhases ?? []).map((phase) => {
      const line = (key: 'p50Ms' | 'p99Ms') => `<polyline class="series-${key.slice(0, 3)}" points="${phase.series.filter((bucket) => bucket[key] !== undefined).map((bucket) => `${at(bucket.at + bucket.widthMs / 2)},${y(bucket[key] ?? 0)}`).join(' ')}"/>`;
      return `<line class="phase-boundary" x1="${at(phase.startedAt)}" y1="${box.top}" x2="${at(phase.startedAt)}" y2="${box.bottom}"/><text class="phase-label" x="${round(at(phase.startedAt) + 3)}" y="${box.bottom - 6}">${escapeHtml(phase.name)}</text>${line('p50Ms')}${line('p99Ms')}`;
    });
    return axis(box, y, 'latency (ms)', true, extent.ticks) + phases.join('') + points.join('');
  };
  const swatches: Swatch[] = [['request answered (< 500)', 'request-ok', 'circle'], ['request failed (5xx, error, no answer)', 'request-failed', 'circle']];
  if (buckets.length > 0) swatches.push(['load p50 per bucket', 'series-p50', 'line'], ['load p99 per bucket', 'series-p99', 'line']);
  const note = stride > 1 ? `<p class="note">Showing ${plotted.length} of ${evidence.requests.length} requests (every ${stride}th).</p>` : '';
  return timeChart(evidence, timeline, 'Latency over time', 280, draw, swatches, { note });
}

type LaneMark = { readonly lane: string; readonly className: string; readonly title: string; readonly from: number; readonly to?: number };

/** A timeline with one lane per state or stage: a mark with an end is a bar, one without is a dot. */
function laneChart(evidence: ScenarioEvidence, timeline: { originMs: number; endMs: number }, caption: string, lanes: readonly string[], marks: readonly LaneMark[], swatches: Swatch[]): string {
  const laneHeight = 22;
  const draw = (box: Area, at: (epochMs: number) => number) => {
    const middle = (lane: string) => box.top + lanes.indexOf(lane) * laneHeight + laneHeight / 2;
    const labels = lanes.map((lane) => `<text class="tick" x="${box.left - 6}" y="${middle(lane) + 4}" text-anchor="end">${escapeHtml(lane)}</text>`);
    const shapes = marks.map((mark) => {
      const title = `<title>${escapeHtml(mark.title)}</title>`;
      if (mark.to === undefined) return `<circle class="${mark.className}" cx="${at(mark.from)}" cy="${middle(mark.lane)}" r="3.5">${title}</circle>`;
      return `<rect class="${mark.className}" x="${at(mark.from)}" y="${middle(mark.lane) - 8}" width="${Math.max(1.5, round(at(mark.to) - at(mark.from)))}" height="16" rx="3">${title}</rect>`;
    });
    return labels.join('') + shapes.join('');
  };
  return timeChart(evidence, timeline, caption, 12 + lanes.length * laneHeight + 44, draw, swatches, { namedFaults: false });
}

const breakerLanes: readonly BreakerState[] = ['closed', 'half-open', 'open'];

export function breakerChart(evidence: ScenarioEvidence, timeline: { originMs: number; endMs: number }): string {
  const transitions = [...(evidence.breakerTransitions ?? [])].sort((a, b) => a.at - b.at);
  if (transitions.length === 0) return '';
  const stays = transitions.map((transition, index) => ({ state: transition.from, from: transitions[index - 1]?.at ?? timeline.originMs, to: transition.at }));
  stays.push({ state: transitions.at(-1)?.to ?? 'closed', from: transitions.at(-1)?.at ?? timeline.originMs, to: timeline.endMs });
  const marks = stays
    .filter((stay) => stay.to > stay.from)
    .map((stay) => ({ lane: stay.state, className: `breaker-${stay.state}`, from: stay.from, to: stay.to, title: `${stay.state} from ${formatOffset(stay.from, timeline.originMs)} for ${formatMs(stay.to - stay.from)}` }));
  return laneChart(evidence, timeline, 'Circuit breaker state', breakerLanes, marks, breakerLanes.map((lane): Swatch => [lane, `breaker-${lane}`, 'rect']));
}

const journeyStages = ['published', 'publish-failed', 'received', 'shipped', 'acked', 'failed', 'nak', 'duplicate-skipped', 'dead-lettered'];
const journeyOf = (evidence: ScenarioEvidence) => (eventsNoteSchema.safeParse(evidence.notes.events).data?.journey ?? []).filter((step) => journeyStages.includes(step.event));

/** Each step of each event (published, delivered, redelivered, acked, dead-lettered) on its stage's lane. */
export function journeyChart(evidence: ScenarioEvidence, timeline: { originMs: number; endMs: number }): string {
  const journey = journeyOf(evidence);
  if (journey.length === 0) return '';
  const marks = journey.map((step) => ({
    lane: step.event,
    className: `journey-${step.event}`,
    from: step.at,
    title: `${formatOffset(step.at, timeline.originMs)}: ${step.event}, order ${step.orderId}${step.delivery === undefined ? '' : `, delivery ${step.delivery}`}${step.error ? `, ${step.error}` : ''}${step.delayMs === undefined ? '' : `, next in ${formatMs(step.delayMs)}`}`,
  }));
  const swatches: Swatch[] = [['on its way', 'journey-received', 'circle'], ['done', 'journey-acked', 'circle'], ['failed or dead-lettered', 'journey-failed', 'circle']];
  return laneChart(evidence, timeline, 'Event journeys: each dot is one step of one event', journeyStages, marks, swatches);
}

export function retryGapChart(evidence: ScenarioEvidence): string {
  const gaps = [...(evidence.retryGaps ?? [])].sort((a, b) => a.attempt - b.attempt);
  if (gaps.length === 0) return '';
  const box = area(260);
  const checks = gaps.map((gap) => checkBound(gap.gapMs, { label: '', minMs: gap.envelopeMinMs, maxMs: gap.envelopeMaxMs }));
  const extent = niceExtent(Math.max(1, ...gaps.map((gap) => gap.gapMs), ...checks.map((check) => check.acceptedMaxMs ?? 0)) * 1.05);
  const y = linearScale([0, extent.max], [box.bottom, box.top]);
  const slot = (box.right - box.left) / gaps.length;
  const half = round(Math.min(36, slot * 0.3));
  const columns = gaps.map((gap, index) => {
    const check = checks[index];
    const centre = round(box.left + slot * (index + 0.5));
    const band = (className: string, low: number, high: number) => `<rect class="${className}" x="${centre - half}" y="${y(high)}" width="${half * 2}" height="${Math.max(1.5, round(y(Math.max(0, low)) - y(high)))}"/>`;
    const title = `attempt ${gap.attempt}: gap ${formatMs(gap.gapMs)}, envelope ${formatMs(gap.envelopeMinMs)}–${formatMs(gap.envelopeMaxMs)}`;
    return `<g><title>${escapeHtml(title)}</title>${band('envelope-tolerance', check?.acceptedMinMs ?? gap.envelopeMinMs, check?.acceptedMaxMs ?? gap.envelopeMaxMs)}${band('envelope', gap.envelopeMinMs, gap.envelopeMaxMs)}<circle class="${check?.ok ? 'gap-ok' : 'gap-bad'}" cx="${centre}" cy="${y(gap.gapMs)}" r="5"/><text class="tick" x="${centre}" y="${box.bottom + 14}" text-anchor="middle">${gap.attempt}</text></g>`;
  });
  const body = axis(box, y, 'gap before attempt (ms)', true, extent.ticks) + `<text class="axis-label" x="${round((box.left + box.right) / 2)}" y="${box.height - 4}" text-anchor="middle">attempt number</text>` + columns.join('');
  return figure('Gaps between attempts vs the backoff envelope', box, body, [
    ['backoff envelope (policy)', 'envelope', 'rect'],
    ['accepted with tolerance', 'envelope-tolerance', 'rect'],
    ['measured gap, within', 'gap-ok', 'circle'],
    ['measured gap, outside', 'gap-bad', 'circle'],
  ]);
}

/** A failover's writes per time bucket, stacked by outcome, on seconds from the fault, with the drill's marks. */
export function writeTimelineChart(dr: DisasterRecoveryEvidence): string {
  const timeline = dr.timeline;
  if (!timeline || timeline.buckets.length === 0) return '';
  const box = area(240);
  const originMs = dr.failover?.faultAt ?? timeline.startAt;
  const rtoEnd = dr.failover && dr.rtoMs !== undefined ? dr.failover.faultAt + dr.rtoMs : undefined;
  const times = [timeline.startAt, timeline.startAt + timeline.buckets.length * timeline.bucketMs, originMs, rtoEnd ?? originMs, ...timeline.marks.map((mark) => mark.at)];
  const [startMs, endMs] = [Math.min(...times), Math.max(...times)];
  const x = linearScale([(startMs - originMs) / 1000, (endMs - originMs) / 1000], [box.left, box.right]);
  const at = (epochMs: number) => x((epochMs - originMs) / 1000);
  const extent = niceExtent(Math.max(1, ...timeline.buckets.map((bucket) => bucket.ok + bucket.failed + bucket.unknown)));
  const y = linearScale([0, extent.max], [box.bottom, box.top]);
  const bars = timeline.buckets.map((bucket, index) => {
    const from = timeline.startAt + index * timeline.bucketMs;
    const left = at(from);
    const width = Math.max(1, round(at(from + timeline.bucketMs) - left - 0.5));
    let below = 0;
    const stack = (['ok', 'failed', 'unknown'] as const).map((outcome) => {
      const top = below + bucket[outcome];
      const rect = bucket[outcome] === 0 ? '' : `<rect class="write-${outcome}" x="${left}" y="${y(top)}" width="${width}" height="${round(y(below) - y(top))}"/>`;
      below = top;
      return rect;
    });
    const title = `${formatOffset(from, originMs)} to ${formatOffset(from + timeline.bucketMs, originMs)}: ${bucket.ok} acknowledged, ${bucket.failed} failed, ${bucket.unknown} unknown`;
    return below === 0 ? '' : `<g><title>${escapeHtml(title)}</title>${stack.join('')}</g>`;
  });
  const marks = timeline.marks.map((mark, index) => {
    const mx = at(mark.at);
    const label = mx > box.right - 120 ? `x="${round(mx - 3)}" text-anchor="end"` : `x="${round(mx + 3)}"`;
    return `<g><title>${escapeHtml(`${mark.label} at ${formatOffset(mark.at, originMs)}`)}</title><line class="write-mark" x1="${mx}" y1="${box.top}" x2="${mx}" y2="${box.bottom}"/><text class="write-mark-label" ${label} y="${box.top + 10 + (index % 3) * 13}">${escapeHtml(mark.label)}</text></g>`;
  });
  const middle = round((box.top + box.bottom) / 2);
  const rto = rtoEnd === undefined ? '' : `<line class="rto-span" x1="${at(originMs)}" y1="${middle}" x2="${at(rtoEnd)}" y2="${middle}"/><text class="write-mark-label" x="${round((at(originMs) + at(rtoEnd)) / 2)}" y="${middle - 5}" text-anchor="middle">RTO ${formatMs(rtoEnd - originMs)}</text>`;
  const total = (outcome: 'ok' | 'failed' | 'unknown') => timeline.buckets.reduce((sum, bucket) => sum + bucket[outcome], 0);
  const body = axis(box, y, `writes per ${formatMs(timeline.bucketMs)}`, true, extent.ticks) + axis(box, x, `time (s) from ${dr.failover ? 'the fault' : 'the first write'}`, false) + bars.join('') + marks.join('') + rto;
  return figure('Writes during the failover, by the outcome the client saw', box, body, [
    [`acknowledged (${total('ok')})`, 'write-ok', 'rect'],
    [`failed (${total('failed')})`, 'write-failed', 'rect'],
    [`unknown: timeout, reset or 5xx (${total('unknown')})`, 'write-unknown', 'rect'],
    ['event (labelled)', 'write-mark', 'line'],
    ['RTO: from the fault to the first acknowledged write', 'rto-span', 'line'],
  ]);
}
