// `--compare <previous resilience-report.json>` (FAULTLINE_COMPARE for the formatter): what got
// slower, what newly fails and what newly passes since that run. Scenarios are matched by feature
// file and name, timed measurements by their label within the scenario.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { FaultlineError } from '../errors.js';
import type { Comparison, ResilienceReport } from './resilience-report.js';

// Loose on purpose: any report version that has scenarios with verdicts (and measurements) compares.
const previousSchema = z.object({
  run: z.object({ startedAt: z.number().optional() }).optional(),
  scenarios: z.array(
    z.object({
      feature: z.object({ uri: z.string() }),
      name: z.string(),
      verdict: z.string(),
      evidence: z.object({ measurements: z.array(z.object({ label: z.string(), measured: z.number().nullable(), unit: z.string() })) }).optional(),
    }),
  ),
});

/** Slower means at least this much slower, relative and absolute, so that noise is not news. */
const slowerBy = { ratio: 1.2, ms: 10 };
const maximumSlower = 20;

export function compareReports(current: ResilienceReport, previousPath: string): Comparison {
  let previous: z.infer<typeof previousSchema>;
  try {
    previous = previousSchema.parse(JSON.parse(readFileSync(previousPath, 'utf8')));
  } catch (error) {
    throw new FaultlineError('FL_BAD_INPUT', `${previousPath}: not a resilience-report.json to compare with (${(error as Error).message.split('\n')[0]}); pass the resilience-report.json of an earlier run`);
  }
  const key = (scenario: { feature: { uri: string }; name: string }) => `${scenario.feature.uri} › ${scenario.name}`;
  const before = new Map(previous.scenarios.map((scenario) => [key(scenario), scenario]));
  const slower: Comparison['slower'] = [];
  const newlyFailing: string[] = [];
  const newlyPassing: string[] = [];
  for (const scenario of current.scenarios) {
    const earlier = before.get(key(scenario));
    if (scenario.verdict !== 'passed' && (earlier === undefined || earlier.verdict === 'passed')) newlyFailing.push(scenario.name);
    if (scenario.verdict === 'passed' && earlier !== undefined && earlier.verdict !== 'passed') newlyPassing.push(scenario.name);
    const times = new Map((earlier?.evidence?.measurements ?? []).filter((m) => m.unit === 'ms').map((m) => [m.label, m.measured]));
    for (const measurement of scenario.evidence?.measurements ?? []) {
      const beforeMs = times.get(measurement.label);
      const afterMs = measurement.measured;
      if (measurement.unit !== 'ms' || beforeMs == null || afterMs === null) continue;
      if (afterMs >= beforeMs * slowerBy.ratio && afterMs - beforeMs >= slowerBy.ms) slower.push({ scenario: scenario.name, label: measurement.label, beforeMs, afterMs });
    }
  }
  slower.sort((a, b) => b.afterMs / Math.max(b.beforeMs, 1) - a.afterMs / Math.max(a.beforeMs, 1));
  return {
    against: previousPath,
    ...(previous.run?.startedAt === undefined ? {} : { againstStartedAt: previous.run.startedAt }),
    newlyFailing,
    newlyPassing,
    slower: slower.slice(0, maximumSlower),
  };
}
