// Measured gaps between attempts against the backoff policy's envelope. The envelope is drawn as
// the policy states it; the lighter band around it is what DESIGN §5's tolerances accept.
import type { RetryGapEvidence, ScenarioEvidence } from './evidence.js';
import { escapeHtml } from './html-escape.js';
import { formatMs } from './report-format.js';
import { checkBound, type BoundCheck } from '../units/tolerance.js';
import { legend, linearScale, niceExtent, plotArea, round, svgFrame, yAxis } from './svg-axes.js';

/** A gap judged as the scenarios judge times: the envelope widened by the DESIGN §5 tolerances. */
export function retryGapCheck(gap: RetryGapEvidence): BoundCheck {
  return checkBound(gap.gapMs, { label: `gap before attempt ${gap.attempt}`, minMs: gap.envelopeMinMs, maxMs: gap.envelopeMaxMs });
}

export function retryGapChart(evidence: ScenarioEvidence): string {
  const gaps = evidence.retryGaps ?? [];
  if (gaps.length === 0) return '';
  const area = plotArea(760, 260, { left: 64, right: 16, top: 12, bottom: 44 });
  const checks = gaps.map(retryGapCheck);
  const highest = Math.max(1, ...gaps.map((gap) => gap.gapMs), ...checks.map((check) => check.acceptedMaxMs ?? 0));
  const extent = niceExtent(highest * 1.05);
  const y = linearScale([0, extent.max], [area.bottom, area.top]);
  const slot = (area.right - area.left) / gaps.length;
  const columns = gaps
    .map((gap, index) => {
      const check = checks[index];
      const centre = round(area.left + slot * (index + 0.5));
      const half = round(Math.min(36, slot * 0.3));
      const acceptedTop = y(check?.acceptedMaxMs ?? gap.envelopeMaxMs);
      const acceptedBottom = y(Math.max(0, check?.acceptedMinMs ?? gap.envelopeMinMs));
      const envelopeTop = y(gap.envelopeMaxMs);
      const envelopeBottom = y(gap.envelopeMinMs);
      const verdict = check?.ok ? 'within' : 'outside';
      const title = `attempt ${gap.attempt}: gap ${formatMs(gap.gapMs)}, envelope ${formatMs(gap.envelopeMinMs)}–${formatMs(gap.envelopeMaxMs)} (${verdict} tolerance)`;
      return (
        `<g class="retry-gap"><title>${escapeHtml(title)}</title>` +
        `<rect class="envelope-tolerance" x="${centre - half}" y="${acceptedTop}" width="${half * 2}" height="${Math.max(1, round(acceptedBottom - acceptedTop))}"/>` +
        `<rect class="envelope" x="${centre - half}" y="${envelopeTop}" width="${half * 2}" height="${Math.max(1.5, round(envelopeBottom - envelopeTop))}"/>` +
        `<circle class="${check?.ok ? 'gap-ok' : 'gap-bad'}" cx="${centre}" cy="${y(gap.gapMs)}" r="5"/>` +
        `<text class="tick" x="${centre}" y="${area.bottom + 14}" text-anchor="middle">${escapeHtml(String(gap.attempt))}</text></g>`
      );
    })
    .join('');
  const body =
    yAxis(area, y, 'gap before attempt (ms)', extent.ticks) +
    `<line class="axis-line" x1="${area.left}" y1="${area.bottom}" x2="${area.right}" y2="${area.bottom}"/>` +
    `<text class="axis-label" x="${round((area.left + area.right) / 2)}" y="${area.height - 4}" text-anchor="middle">attempt number</text>` +
    columns;
  const items = [
    { label: 'backoff envelope (policy)', swatchClass: 'envelope', shape: 'rect' as const },
    { label: 'accepted with tolerance', swatchClass: 'envelope-tolerance', shape: 'rect' as const },
    { label: 'measured gap, within', swatchClass: 'gap-ok', shape: 'circle' as const },
    { label: 'measured gap, outside', swatchClass: 'gap-bad', shape: 'circle' as const },
  ];
  return `<figure class="chart-figure"><figcaption>Gaps between attempts vs the backoff envelope</figcaption>${svgFrame(area, 'Retry gaps against the backoff envelope', body)}${legend(items)}</figure>`;
}
