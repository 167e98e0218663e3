// Scales, ticks and axes for the report's inline SVG charts. Charts are drawn when the report is
// written, so the HTML needs no script and shows the same thing in every viewer.
import { escapeHtml } from './html-escape.js';

export interface PlotArea {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export function plotArea(width: number, height: number, margins: { left: number; right: number; top: number; bottom: number }): PlotArea {
  return { width, height, left: margins.left, right: width - margins.right, top: margins.top, bottom: height - margins.bottom };
}

export interface LinearScale {
  readonly domain: readonly [number, number];
  (value: number): number;
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = (value: number) => round(r0 + ((value - d0) / span) * (r1 - r0));
  return Object.assign(scale, { domain });
}

/** About `count` ticks on 1-2-5 steps covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const rawStep = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  // The 1-2-2.5-5 step whose tick count comes closest to the one asked for.
  const step = [10, 5, 2.5, 2, 1]
    .map((factor) => factor * magnitude)
    .reduce((best, candidate) => (Math.abs((max - min) / candidate - count) < Math.abs((max - min) / best - count) ? candidate : best));
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/** A 0-based axis extent closed by a tick above `max`, with its ticks, so that the top of the axis is labelled. */
export function niceExtent(max: number, count = 5): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: niceTicks(0, 1, count) };
  const ticks = niceTicks(0, max, count);
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : max;
  const last = ticks[ticks.length - 1] ?? max;
  if (last < max) ticks.push(Number((last + step).toPrecision(12)));
  return { max: ticks[ticks.length - 1] ?? max, ticks };
}

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function formatTick(value: number): string {
  return Number(value.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

export function xAxis(area: PlotArea, scale: LinearScale, label: string, ticks = niceTicks(scale.domain[0], scale.domain[1], 8)): string {
  const marks = ticks
    .map((tick) => {
      const x = scale(tick);
      return `<line class="grid" x1="${x}" y1="${area.top}" x2="${x}" y2="${area.bottom}"/><text class="tick" x="${x}" y="${area.bottom + 14}" text-anchor="middle">${escapeHtml(formatTick(tick))}</text>`;
    })
    .join('');
  return (
    `<g class="axis x-axis">${marks}<line class="axis-line" x1="${area.left}" y1="${area.bottom}" x2="${area.right}" y2="${area.bottom}"/>` +
    `<text class="axis-label" x="${round((area.left + area.right) / 2)}" y="${area.height - 4}" text-anchor="middle">${escapeHtml(label)}</text></g>`
  );
}

export function yAxis(area: PlotArea, scale: LinearScale, label: string, ticks = niceTicks(scale.domain[0], scale.domain[1], 5)): string {
  const marks = ticks
    .map((tick) => {
      const y = scale(tick);
      return `<line class="grid" x1="${area.left}" y1="${y}" x2="${area.right}" y2="${y}"/><text class="tick" x="${area.left - 6}" y="${y + 4}" text-anchor="end">${escapeHtml(formatTick(tick))}</text>`;
    })
    .join('');
  const middle = round((area.top + area.bottom) / 2);
  return (
    `<g class="axis y-axis">${marks}<line class="axis-line" x1="${area.left}" y1="${area.top}" x2="${area.left}" y2="${area.bottom}"/>` +
    `<text class="axis-label" x="12" y="${middle}" text-anchor="middle" transform="rotate(-90 12 ${middle})">${escapeHtml(label)}</text></g>`
  );
}

/** The <svg> element: sized by its viewBox so that it scales with the page, labelled for screen readers. */
export function svgFrame(area: PlotArea, title: string, body: string): string {
  return `<svg class="chart" viewBox="0 0 ${area.width} ${area.height}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${body}</svg>`;
}

export interface LegendItem {
  readonly label: string;
  /** CSS class of the swatch: the same class the chart uses for the series. */
  readonly swatchClass: string;
  readonly shape: 'rect' | 'circle' | 'line' | 'dashed-line';
}

export function legend(items: readonly LegendItem[]): string {
  const entries = items
    .map((item) => {
      const swatch =
        item.shape === 'rect'
          ? `<rect class="${item.swatchClass}" x="1" y="2" width="14" height="10"/>`
          : item.shape === 'circle'
            ? `<circle class="${item.swatchClass}" cx="8" cy="7" r="4"/>`
            : `<line class="${item.swatchClass}${item.shape === 'dashed-line' ? ' dashed' : ''}" x1="0" y1="7" x2="16" y2="7"/>`;
      return `<span class="legend-item"><svg class="swatch" viewBox="0 0 16 14" aria-hidden="true">${swatch}</svg>${escapeHtml(item.label)}</span>`;
    })
    .join('');
  return `<div class="legend">${entries}</div>`;
}
