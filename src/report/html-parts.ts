// Small HTML building blocks the report's sections share. Cells passed to table() are HTML
// already (escaped by the caller); every other argument is text and is escaped here.
import { escapeHtml } from './html-escape.js';

export function verdictBadge(verdict: string): string {
  return `<span class="badge ${escapeHtml(verdict)}">${escapeHtml(verdict)}</span>`;
}

export function table(headers: readonly string[], rows: readonly string[][], numericColumns: readonly number[] = []): string {
  const cellClass = (index: number) => (numericColumns.includes(index) ? ' class="num"' : '');
  const head = headers.map((header, index) => `<th${cellClass(index)}>${escapeHtml(header)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell, index) => `<td${cellClass(index)}>${cell}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function yesNo(ok: boolean, yes = 'yes', no = 'no'): string {
  return ok ? `<span class="ok">${escapeHtml(yes)}</span>` : `<span class="not-ok">${escapeHtml(no)}</span>`;
}

/** A figure card; `ok` colours it (undefined: neutral). */
export function card(label: string, value: string, ok?: boolean, extraClass = ''): string {
  const tone = ok === undefined ? '' : ok ? ' good' : ' bad';
  return `<div class="card${tone}${extraClass ? ` ${extraClass}` : ''}"><div class="value">${escapeHtml(value)}</div><div class="label">${escapeHtml(label)}</div></div>`;
}
