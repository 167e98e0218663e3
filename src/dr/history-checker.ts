// Judges a write history against what the database holds after recovery.
import type { HistoryEntry, StoredRow } from './history.js';

export interface HistoryVerdict {
  /** Acknowledged, absent. */
  readonly lost: readonly HistoryEntry[];
  /** A key stored more than once, or stored under another id than the one acknowledged. */
  readonly duplicated: readonly string[];
  /** Present, never attempted. */
  readonly unexpected: readonly string[];
  /** Answered as definitely failed, yet present. */
  readonly failedButPresent: readonly HistoryEntry[];
  readonly counts: { readonly ok: number; readonly fail: number; readonly unknown: number; readonly stored: number };
  readonly valid: boolean;
}

export function checkHistory(history: readonly HistoryEntry[], rows: readonly StoredRow[]): HistoryVerdict {
  const stored = new Map<string, string[]>();
  for (const row of rows) stored.set(row.key, [...(stored.get(row.key) ?? []), row.id]);
  const attempted = new Set(history.map((entry) => entry.key));
  const lost = history.filter((entry) => entry.outcome === 'ok' && !stored.has(entry.key));
  const duplicated = [...stored.entries()].filter(([, ids]) => ids.length > 1).map(([key]) => key);
  for (const entry of history) {
    const ids = stored.get(entry.key);
    if (entry.outcome === 'ok' && entry.orderId && ids?.length === 1 && ids[0] !== entry.orderId && !duplicated.includes(entry.key)) duplicated.push(entry.key);
  }
  const unexpected = [...stored.keys()].filter((key) => !attempted.has(key));
  // A key retried after a definite failure may legitimately be stored by a later attempt.
  const okKeys = new Set(history.filter((entry) => entry.outcome !== 'fail').map((entry) => entry.key));
  const failedButPresent = history.filter((entry) => entry.outcome === 'fail' && stored.has(entry.key) && !okKeys.has(entry.key));
  const count = (outcome: HistoryEntry['outcome']) => history.filter((entry) => entry.outcome === outcome).length;
  return {
    lost,
    duplicated,
    unexpected,
    failedButPresent,
    counts: { ok: count('ok'), fail: count('fail'), unknown: count('unknown'), stored: rows.length },
    valid: lost.length === 0 && duplicated.length === 0 && unexpected.length === 0 && failedButPresent.length === 0,
  };
}

/** RTO: from the fault to the completion of the first write invoked after it that was acknowledged. */
export function recoveryTime(history: readonly HistoryEntry[], faultAt: number): number | undefined {
  const first = history
    .filter((entry) => entry.outcome === 'ok' && entry.invokeAt >= faultAt)
    .sort((a, b) => a.completeAt - b.completeAt)[0];
  return first === undefined ? undefined : first.completeAt - faultAt;
}
