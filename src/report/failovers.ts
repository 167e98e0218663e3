// The run's failovers, grouped by what caused them and what promoted: how long writes went
// unacknowledged (RTO, min / median / max) and how many acknowledged writes were lost or taken by
// two primaries. One scenario with a failover is one failover.
import { haSettings } from './figures.js';
import { countOf, formatMs } from './report-format.js';
import type { ReportSummary, ScenarioReport } from './resilience-report.js';
import { percentile } from '../units/stats.js';

type Failovers = ReportSummary['failovers'];

export function summariseFailovers(scenarios: readonly ScenarioReport[]): Failovers {
  const groups = new Map<string, Failovers['groups'][number]>();
  for (const scenario of scenarios) {
    const dr = scenario.evidence?.disasterRecovery;
    if (!dr?.failover) continue;
    const { kind, manager, splitBrainWrites } = dr.failover;
    const group = groups.get(`${kind} ${manager}`) ?? { kind, manager, count: 0, lost: 0, splitBrainWrites: 0, settings: [], scenarios: [] };
    group.count++;
    group.lost += dr.lost;
    group.splitBrainWrites += splitBrainWrites ?? 0;
    const settings = haSettings(dr).settings.map(([key, value]) => `${key} ${value}`).join(', ');
    if (settings && !group.settings.includes(settings)) group.settings.push(settings);
    group.scenarios.push({ scenarioId: scenario.id, scenario: scenario.name, pattern: scenario.pattern, ...(dr.rtoMs === undefined ? {} : { rtoMs: dr.rtoMs }), lost: dr.lost, ...(splitBrainWrites === undefined ? {} : { splitBrainWrites }) });
    groups.set(`${kind} ${manager}`, group);
  }
  const sorted = [...groups.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.manager.localeCompare(b.manager));
  for (const group of sorted) {
    const rtos = group.scenarios.flatMap((entry) => (entry.rtoMs === undefined ? [] : [entry.rtoMs])).sort((a, b) => a - b);
    if (rtos.length > 0) group.rtoMs = { min: rtos[0] ?? 0, median: percentile(rtos, 50), max: rtos.at(-1) ?? 0 };
  }
  const total = (field: 'count' | 'lost' | 'splitBrainWrites') => sorted.reduce((sum, group) => sum + group[field], 0);
  return { count: total('count'), lost: total('lost'), splitBrainWrites: total('splitBrainWrites'), groups: sorted };
}

export const failoverColumns = ['Kind', 'Promoted by', 'Failovers', 'RTO min', 'median', 'max', 'Lost writes', 'Split-brain writes'];

export const failoversTitle = (failovers: Failovers) => `Failovers (${failovers.count}): ${countOf(failovers.lost, 'acknowledged write')} lost, ${countOf(failovers.splitBrainWrites, 'split-brain write')}`;

/** A group's min, median and max RTO in words, dashes when none of its failovers recovered. */
export const rtoSpread = (group: Failovers['groups'][number]) => (group.rtoMs ? [group.rtoMs.min, group.rtoMs.median, group.rtoMs.max].map(formatMs) : ['—', '—', '—']);
export const scenarioRto = (entry: { readonly rtoMs?: number }) => (entry.rtoMs === undefined ? 'no RTO' : formatMs(entry.rtoMs));
