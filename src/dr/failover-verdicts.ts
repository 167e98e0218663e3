// The disaster-recovery checks behind the Then steps: each turns what the drill recorded (the
// writers' history, what the servers hold) into measurements, recorded whether they pass or not.
import { expectAtMost, expectExactCount, timeVerdict, type Verdict } from '../probes/expectations.js';
import type { SnapshotMeasure } from './backup.js';
import type { HistoryEntry } from './history.js';
import type { HistoryVerdict } from './history-checker.js';
import type { RetriedOrder } from './idempotent-clients.js';

/** RTO: the time from the fault (or the healing) to the first acknowledged write, against its bound. */
export function recoveryTimeVerdict(event: string, rtoMs: number | undefined, boundMs: number, serviceDown?: string): Verdict {
  return {
    label: `time from the ${event} to the first acknowledged write`,
    measured: rtoMs ?? Number.NaN,
    unit: 'ms',
    bound: `<= ${boundMs} ms`,
    ok: rtoMs !== undefined && rtoMs <= boundMs,
    detail: rtoMs === undefined ? `no write was acknowledged after the ${event}${serviceDown ? `: ${serviceDown}` : ''}` : `first acknowledged write ${rtoMs} ms after the ${event}`,
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
