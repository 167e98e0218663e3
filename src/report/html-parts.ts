// Small HTML building blocks the report's sections share. Everything that reaches the HTML comes
// from scenarios, logs and the service under test, so every text and attribute goes through
// escapeHtml; cells passed to table() are HTML already (escaped by the caller).
import type { Figure } from './resilience-report.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

export const badge = (verdict: string, text = verdict) => `<span class="badge ${escapeHtml(verdict)}">${escapeHtml(text)}</span>`;

export function table(headers: readonly string[], rows: readonly string[][], numericColumns: readonly number[] = []): string {
  const cellClass = (index: number) => (numericColumns.includes(index) ? ' class="num"' : '');
  const head = headers.map((header, index) => `<th${cellClass(index)}>${escapeHtml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, index) => `<td${cellClass(index)}>${cell}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Figures as a list: failed in red, near misses marked, the rest plain. */
export function figureList(figures: readonly Figure[], detail: (index: number) => string = () => ''): string {
  if (figures.length === 0) return '';
  const items = figures.map((figure, index) => {
    const tone = figure.ok === false ? 'bad' : figure.nearMiss ? 'near' : figure.ok ? 'good' : 'info';
    const mark = figure.ok === false ? '✗ ' : figure.nearMiss ? 'near miss: ' : figure.ok ? '✓ ' : '';
    return `<li class="${tone}">${escapeHtml(mark + figure.text)}${detail(index)}</li>`;
  });
  return `<ul class="figures">${items.join('')}</ul>`;
}
