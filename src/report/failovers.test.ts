import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvidence, type DisasterRecoveryEvidence } from './evidence.js';
import { summariseFailovers } from './failovers.js';
import { failoverFigures, haSettings } from './figures.js';
import type { ScenarioReport } from './resilience-report.js';

type Failover = NonNullable<DisasterRecoveryEvidence['failover']>;

function drScenario(id: string, failover: Partial<Failover> | undefined, { rtoMs, lost = 0, settings }: { rtoMs?: number; lost?: number; settings?: Record<string, number | boolean> } = {}): ScenarioReport {
  const disasterRecovery: DisasterRecoveryEvidence = {
    history: { ok: 10, failed: 0, unknown: 0 }, lost, duplicated: 0, unexpected: 0,
    ...(rtoMs === undefined ? {} : { rtoMs }),
    ...(failover ? { failover: { kind: 'kill', manager: 'patroni', faultAt: 1_000, ...failover } } : {}),
    ...(settings ? { settings } : {}),
  };
  return {
    id, feature: { name: 'DR', uri: 'features/dr.feature' }, name: `scenario ${id}`, tags: [], pattern: 'disaster recovery', verdict: 'passed',
    attempts: 1, startedAt: 0, steps: [], exercisedFailure: true, evidence: { ...emptyEvidence(), disasterRecovery }, evidenceProblems: [],
  };
}

describe('the failovers of a run', () => {
  it('groups them by kind and manager with the RTO spread, each scenario\'s RTO, and the lost and split-brain writes', () => {
    const patroni = { ttl: 10, loop_wait: 2, synchronous_mode: true };
    const summary = summariseFailovers([
      drScenario('a', {}, { rtoMs: 12_000, settings: patroni }),
      drScenario('b', { kind: 'partition', manager: 'patroni', splitBrainWrites: 3 }, { rtoMs: 15_000, lost: 2 }),
      drScenario('c', {}, { rtoMs: 8_000, settings: patroni }),
      drScenario('d', { splitBrainWrites: 0 }, { rtoMs: 9_000, lost: 1, settings: { ...patroni, ttl: 30 } }),
      drScenario('e', {}, { settings: patroni }),
      drScenario('f', { manager: 'harness' }, { rtoMs: 700 }),
      drScenario('backup restore: no failover', undefined, { rtoMs: 60_000, lost: 5 }),
    ]);
    assert.deepEqual([summary.count, summary.lost, summary.splitBrainWrites], [6, 3, 3]);
    assert.deepEqual(summary.groups.map((group) => [group.kind, group.manager, group.count, group.rtoMs, group.lost, group.splitBrainWrites]), [
      ['kill', 'harness', 1, { min: 700, median: 700, max: 700 }, 0, 0],
      ['kill', 'patroni', 4, { min: 8_000, median: 9_000, max: 12_000 }, 1, 0],
      ['partition', 'patroni', 1, { min: 15_000, median: 15_000, max: 15_000 }, 2, 3],
    ]);
    const kills = summary.groups[1];
    assert.deepEqual(kills?.scenarios.map((entry) => [entry.scenario, entry.rtoMs]), [['scenario a', 12_000], ['scenario c', 8_000], ['scenario d', 9_000], ['scenario e', undefined]]);
    assert.deepEqual(kills?.settings, ['ttl 10 s, loop_wait 2 s, synchronous_mode true', 'ttl 30 s, loop_wait 2 s, synchronous_mode true']);
  });

  it('takes the middle pair\'s mean as an even count\'s median, leaves the spread out of a group that never recovered, and is empty without failovers', () => {
    assert.equal(summariseFailovers([drScenario('a', { kind: 'dcs-loss' })]).groups[0]?.rtoMs, undefined);
    assert.deepEqual(summariseFailovers([drScenario('a', {}, { rtoMs: 2_000 }), drScenario('b', {}, { rtoMs: 1_000 })]).groups[0]?.rtoMs, { min: 1_000, median: 1_500, max: 2_000 });
    assert.deepEqual(summariseFailovers([drScenario('a', undefined)]), { count: 0, lost: 0, splitBrainWrites: 0, groups: [] });
  });

  it('says which primary took over and when, or that none was promoted', () => {
    const promoted = drScenario('a', { oldPrimary: 'pg-0', newPrimary: 'pg-1', demotedAt: 1_400, promotedAt: 9_500, splitBrainWrites: 2 }).evidence?.disasterRecovery;
    assert.deepEqual(promoted && failoverFigures(promoted), [
      { text: 'kill (Patroni): primary pg-0 → pg-1; demoted 400 ms after the fault, promoted 8.5 s after the fault' },
      { text: '2 split-brain writes (acknowledged by a primary without the leader lock)' },
    ]);
    const kept = drScenario('b', { kind: 'lagging-replica', oldPrimary: 'pg-0' }, { settings: { maximum_lag_on_failover: 1_048_576, failsafe_mode: false } }).evidence?.disasterRecovery;
    assert.deepEqual(kept && failoverFigures(kept), [{ text: 'lagging-replica (Patroni): primary pg-0 kept, no member promoted' }]);
    assert.deepEqual(kept && haSettings(kept), { manager: 'Patroni', settings: [['maximum_lag_on_failover', '1048576 bytes'], ['failsafe_mode', 'false']] });
  });
});
