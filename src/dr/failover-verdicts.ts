// The disaster-recovery checks behind the Then steps: each turns what the drill recorded (the
// writers' history, what the servers hold) into measurements, recorded whether they pass or not.
import { expectAtMost, expectExactCount, timeVerdict, type Verdict } from '../probes/expectations.js';
import type { SnapshotMeasure } from './backup.js';
import type { HistoryEntry } from './history.js';
import type { HistoryVerdict } from './history-checker.js';
import type { RetriedOrder } from './idempotent-clients.js';

/** RTO: the time from the fault (or the healing) to the first acknowledged write, against its bound. */
export function recoveryTimeVerdict(event: string, rtoMs: number | undefined, boundMs: number): Verdict {
  return {
    label: `time from the ${event} to the first acknowledged write`,
    measured: rtoMs ?? Number.NaN,
    unit: 'ms',
    bound: `<= ${boundMs} ms`,
    ok: rtoMs !== undefined && rtoMs <= boundMs,
    detail: rtoMs === undefined ? `no write was acknowledged after the ${event}` : `first acknowledged write ${rtoMs} ms after the ${event}`,
  };
}

/** RPO and integrity: exactly `lost` acknowledged orders lost, `duplicated` duplicated, nothing unexpected. */
export function lostAndDuplicatedVerdicts(verdict: HistoryVerdict, expected: { readonly lost: number; readonly duplicated: number }): Verdict[] {
  const detail = `history ${JSON.stringify(verdict.counts)}; lost ${verdict.lost.map((e) => e.key).slice(0, 5).join(', ') || 'none'}; duplicated ${verdict.duplicated.join(', ') || 'none'}; unexpected ${verdict.unexpected.length}; failed but present ${verdict.failedButPresent.length}`;
  return [
    expectExactCount('lost acknowledged orders (RPO)', verdict.lost.length, expected.lost, detail),
    expectExactCount('duplicated orders', verdict.duplicated.length, expected.duplicated, detail),
    expectExactCount('unexpected or failed-but-present orders', verdict.unexpected.length + verdict.failedButPresent.length, 0, detail),
  ];
}

/**
 * Asynchronous replication loses a suffix: what the primary committed after the standby's last
 * replayed transaction. That instant trails the cut by the replication lag (measured: a few ms on an
 * idle machine, more with a busy core), so orders acknowledged just before the cut may be lost too;
 * what must never happen is a hole: a lost order committed before the standby's last replayed one.
 */
export function lostSuffixVerdicts(verdict: HistoryVerdict, cutAt: number, lastReplayedAt: number, maxLagMs: number): { readonly verdicts: Verdict[]; readonly lostAcknowledgedBeforeCut: number } {
  const beforeCut = verdict.lost.filter((entry) => entry.completeAt < cutAt);
  const holes = verdict.lost.filter((entry) => entry.completeAt < lastReplayedAt);
  return {
    lostAcknowledgedBeforeCut: beforeCut.length,
    verdicts: [
      {
        label: 'lost acknowledged orders',
        measured: verdict.lost.length,
        unit: 'orders',
        bound: '> 0 (asynchronous replication cut before the kill)',
        ok: verdict.lost.length > 0,
        detail: `the checker found ${verdict.lost.length} lost orders of ${verdict.counts.ok} acknowledged`,
      },
      expectExactCount("lost orders acknowledged before the standby's last replayed commit", holes.length, 0, holes.map((e) => e.key).join(', ')),
      timeVerdict("replication lag at the cut (cut - standby's last replayed commit)", cutAt - lastReplayedAt, { maxMs: maxLagMs }, `${beforeCut.length} lost orders were acknowledged before the cut, within that lag`),
    ],
  };
}

/** Writes invoked after the cut and before the healing (the window a synchronous primary must hold them). */
function duringCut(history: readonly HistoryEntry[], window: CutWindow): HistoryEntry[] {
  return history.filter((entry) => entry.invokeAt > window.cutAt && entry.invokeAt < window.healAt);
}

export interface CutWindow {
  readonly cutAt: number;
  readonly healAt: number;
}

/** Synchronous replication acknowledges nothing the standby has not got: no write completes acknowledged inside the cut. */
export function acknowledgedDuringCutVerdict(history: readonly HistoryEntry[], window: CutWindow): Verdict {
  const acknowledged = duringCut(history, window).filter((entry) => entry.outcome === 'ok' && entry.completeAt < window.healAt);
  return expectExactCount('orders acknowledged during the cut', acknowledged.length, 0, acknowledged.map((e) => e.key).join(', '));
}

/** Every write that failed during the cut failed with one of `statuses`, and none took longer than `withinMs` (plus 10%, at least 50 ms). */
export function failuresDuringCutVerdicts(history: readonly HistoryEntry[], window: CutWindow, statuses: readonly number[], withinMs: number): Verdict[] {
  const failed = duringCut(history, window).filter((entry) => entry.outcome !== 'ok');
  const wrong = failed.filter((entry) => entry.status === undefined || !statuses.includes(entry.status));
  const slowest = Math.max(0, ...failed.map((entry) => entry.completeAt - entry.invokeAt));
  return [
    expectExactCount(`failed orders not answered ${statuses.join(' or ')}`, wrong.length, 0, wrong.map((e) => `${e.key}: ${e.status ?? 'no answer'}`).join(', ')),
    expectAtMost('slowest failure during the cut (ms)', slowest, withinMs + Math.max(50, withinMs * 0.1), `${failed.length} failures`),
  ];
}

/** After a failover nothing may be stranded on the old primary, and no acknowledged order lost. */
export function strandedOnOldPrimaryVerdicts(onOldPrimary: readonly string[], onNewPrimary: readonly string[], verdict: HistoryVerdict): Verdict[] {
  const promoted = new Set(onNewPrimary);
  const onlyOld = [...new Set(onOldPrimary)].filter((key) => !promoted.has(key));
  return [
    expectExactCount('orders only on the old primary', onlyOld.length, 0, onlyOld.join(', ')),
    expectExactCount('lost acknowledged orders', verdict.lost.length, 0, verdict.lost.map((e) => e.key).join(', ')),
  ];
}

/** Each retried key must be stored once, under the one id every 2xx for it carried. */
export function idempotentRetryProblems(results: readonly RetriedOrder[], stored: ReadonlyMap<string, readonly string[]>): string[] {
  return results.flatMap((result) => {
    const ids = stored.get(result.key) ?? [];
    const acknowledged = new Set(result.acknowledgedIds);
    if (ids.length !== 1) return [`${result.key}: ${ids.length} orders stored`];
    if (acknowledged.size !== 1 || !acknowledged.has(ids[0]!)) return [`${result.key}: 2xx carried ${[...acknowledged].join(', ') || 'nothing'}, stored ${ids[0]}`];
    return [];
  });
}

export function idempotentRetriesVerdict(results: readonly RetriedOrder[], stored: ReadonlyMap<string, readonly string[]>): Verdict {
  const problems = idempotentRetryProblems(results, stored);
  return expectExactCount('keys without exactly one order matching every 2xx', problems.length, 0, problems.join('; '));
}

/** The restore holds exactly the snapshot: the same row count and the same checksum. */
export function restoreMatchesSnapshotVerdicts(snapshot: SnapshotMeasure, restored: SnapshotMeasure): Verdict[] {
  return [
    expectExactCount('restored rows', restored.count, snapshot.count, `snapshot ${snapshot.count} rows, checksum ${snapshot.checksum}; restored checksum ${restored.checksum}`),
    {
      label: 'restored checksum',
      measured: Number(restored.checksum === snapshot.checksum),
      unit: 'match',
      bound: snapshot.checksum,
      ok: restored.checksum === snapshot.checksum,
      detail: `snapshot md5 ${snapshot.checksum}, restored md5 ${restored.checksum}`,
    },
  ];
}

export function restoreTimeVerdict(rows: number | undefined, tookMs: number | undefined, boundMs: number): Verdict {
  const took = tookMs ?? Number.NaN;
  return { label: `restore of ${rows ?? '?'} orders`, measured: Number(took.toFixed(0)), unit: 'ms', bound: `< ${boundMs} ms`, ok: took < boundMs, detail: `pg_restore took ${took.toFixed(0)} ms` };
}
