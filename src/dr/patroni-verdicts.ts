// The checks of the Patroni scenarios: promotion, fencing, the loss window of an asynchronous
// partition, a rejoin, and a lagging replica never promoted. Each turns what the drill observed into
// a measurement, recorded whether it passes or not.
import { expectExactCount, timeVerdict, type Verdict } from '../probes/expectations.js';
import type { RoleChange } from './cluster-watch.js';
import type { HistoryVerdict } from './history-checker.js';
import type { MemberStatus } from './patroni-api.js';

export function promotionVerdict(promoted: { readonly member: string; readonly at: number } | undefined, faultAt: number, boundMs: number): Verdict {
  return timeVerdict(
    'time from the fault to a new primary (Patroni promoted it)',
    promoted ? promoted.at - faultAt : Number.NaN,
    { maxMs: boundMs },
    promoted ? `${promoted.member} primary ${promoted.at - faultAt} ms after the fault` : 'no other member became primary',
  );
}

/** Fencing: the old primary stopped being primary before any other member became one. */
export function demotedFirstVerdict(oldPrimary: string, demotedAt: number | undefined, promoted: { readonly member: string; readonly at: number } | undefined, faultAt: number): Verdict {
  const margin = demotedAt !== undefined && promoted ? promoted.at - demotedAt : Number.NaN;
  return {
    label: `time from ${oldPrimary}'s demotion to the new primary's promotion`,
    measured: margin,
    unit: 'ms',
    bound: '>= 0 ms (demoted first)',
    ok: margin >= 0,
    detail: `${oldPrimary} ${demotedAt === undefined ? 'never stopped being primary' : `stopped being primary ${demotedAt - faultAt} ms after the fault`}; ${promoted ? `${promoted.member} primary ${promoted.at - faultAt} ms after the fault` : 'no other member promoted'}`,
  };
}

/**
 * Asynchronous replication cut by a partition loses what the old primary acknowledged between the
 * partition and its demotion, and what the replicas had not received yet when it began (the
 * replication lag, `lagMs` at most), and nothing else: no lost order from before that (a hole) or
 * asked for after the demotion (a write taken by a primary that had given up its lock), no duplicate.
 */
export function partitionLossVerdicts(verdict: HistoryVerdict, partitionAt: number, demotedAt: number | undefined, lagMs: number): Verdict[] {
  const end = demotedAt ?? Number.POSITIVE_INFINITY;
  const before = verdict.lost.filter((entry) => entry.completeAt < partitionAt - lagMs);
  const after = verdict.lost.filter((entry) => entry.invokeAt > end);
  const earliest = Math.min(...verdict.lost.map((entry) => entry.completeAt));
  const detail = `${verdict.lost.length} lost of ${verdict.counts.ok} acknowledged${verdict.lost.length > 0 ? `, the earliest acknowledged ${earliest - partitionAt} ms after the partition` : ''}; ${demotedAt === undefined ? 'never demoted' : `demoted ${demotedAt - partitionAt} ms after the partition`}`;
  return [
    expectExactCount(`lost orders acknowledged more than ${lagMs} ms before the partition`, before.length, 0, before.map((entry) => entry.key).slice(0, 5).join(', ') || detail),
    expectExactCount("lost orders asked for after the old primary's demotion", after.length, 0, after.map((entry) => entry.key).slice(0, 5).join(', ') || detail),
    expectExactCount('duplicated orders', verdict.duplicated.length, 0, verdict.duplicated.slice(0, 5).join(', ') || 'none'),
  ];
}

export function rejoinVerdict(member: string, status: MemberStatus | undefined, primaryTimeline: number | undefined): Verdict {
  const ok = status?.role === 'replica' && status.state === 'running' && status.timeline !== undefined && status.timeline === primaryTimeline;
  return {
    label: `${member} rejoined as a replica on the new primary's timeline`,
    measured: ok ? 1 : 0,
    unit: 'members',
    bound: '= 1',
    ok,
    detail: `${member}: role ${status?.role ?? 'unknown'}, state ${status?.state ?? 'unknown'}, timeline ${status?.timeline ?? 'unknown'}; the primary's timeline ${primaryTimeline ?? 'unknown'}`,
  };
}

/** No member other than `except` was primary inside the window. */
export function noPromotionVerdict(changes: readonly RoleChange[], window: { readonly from: number; readonly to: number }, except: readonly string[], what: string): Verdict {
  const promoted = changes.filter((change) => change.role === 'primary' && change.at >= window.from && change.at <= window.to && !except.includes(change.member));
  return expectExactCount(`members promoted ${what}`, promoted.length, 0, promoted.map((change) => `${change.member} at +${change.at - window.from} ms`).join(', ') || `none in ${window.to - window.from} ms`);
}
