// The report model, as one zod schema: resilience-report.json is this model verbatim, its types are
// inferred from it, and resilience-report.schema.json is generated from it (reportJsonSchema; a
// test keeps the checked-in file equal to it). The HTML and Markdown writers render it.
//
// Versions: 1 = first release. 2 = the summary answers first: verdict by pattern and dependency,
// failures, near misses, recovery figures, the weighted score; mutation results and a comparison.
import { z } from 'zod';
import { mutationScoreSchema } from '../mutants/mutation-score-results.js';
import { scenarioEvidenceSchema } from './evidence.js';

export const reportSchemaVersion = 2;

const count = z.number().int().min(0);
const epochMs = z.number().min(0);
const percent = z.number().min(0).max(100).nullable().describe('null when nothing was counted');

export const verdictSchema = z.enum(['passed', 'failed', 'skipped', 'pending', 'undefined', 'ambiguous', 'unknown']);
export type Verdict = z.infer<typeof verdictSchema>;

/** A figure in plain words, e.g. "slowest 503: 16.5 ms (bound 50 ms)". */
const figureSchema = z.object({
  text: z.string(),
  ok: z.boolean().optional().describe('absent: informative, no bound attached'),
  nearMiss: z.boolean().optional().describe('beyond its nominal bound, accepted only by the tolerance'),
});

const stepSchema = z.object({
  kind: z.enum(['step', 'hook']),
  keyword: z.string().describe('"Given ", "When ", ... for steps; "Before" / "After" for hooks'),
  text: z.string(),
  status: verdictSchema,
  durationMs: z.number().min(0),
  error: z.string().optional(),
  docString: z.string().optional(),
  dataTable: z.array(z.array(z.string())).optional(),
});

const scenarioSchema = z.object({
  id: z.string().describe('the pickle id: unique per scenario and example row within one run'),
  feature: z.object({ name: z.string(), uri: z.string() }),
  line: count.optional().describe('the line of the scenario (or example row) in its feature file'),
  name: z.string(),
  tags: z.array(z.string()),
  pattern: z.string().describe('the resilience pattern it checks, from its tags or feature file'),
  verdict: verdictSchema,
  attempts: count.describe('1 unless cucumber retried it; the report shows the last attempt'),
  startedAt: epochMs,
  finishedAt: epochMs.optional(),
  durationMs: z.number().min(0).optional(),
  steps: z.array(stepSchema),
  exercisedFailure: z.boolean().describe('a fault was injected (the fault ledger), or a failover, fuzz run or exploration ran'),
  evidence: scenarioEvidenceSchema.optional(),
  evidenceProblems: z.array(z.string()),
});

const scenarioRefSchema = z.object({ scenarioId: z.string(), scenario: z.string(), pattern: z.string() });

const failoverGroupSchema = z.object({
  kind: z.string(),
  manager: z.string().describe('what promoted: "patroni" or "harness"'),
  count,
  rtoMs: z.object({ min: z.number(), median: z.number(), max: z.number() }).optional().describe('over the failovers with an RTO; absent when none acknowledged a write again'),
  lost: count,
  splitBrainWrites: count,
  settings: z.array(z.string()).describe('the distinct HA settings the group was measured with, in words'),
  scenarios: z.array(scenarioRefSchema.extend({ rtoMs: z.number().min(0).optional(), lost: count, splitBrainWrites: count.optional() })),
});

const summarySchema = z.object({
  resilient: z.boolean().nullable().describe('every scenario that injected a fault passed; null when none did'),
  headline: z.string(),
  scenarios: count,
  byVerdict: z.object({ passed: count, failed: count, skipped: count, pending: count, undefined: count, ambiguous: count, unknown: count }),
  faultsInjected: count,
  measurements: z.object({ total: count, withinBound: count, nearMisses: count }),
  patterns: z.array(
    z.object({ pattern: z.string(), scenarios: count, withFault: count, passed: count, percent, weight: z.number().min(0).max(1).describe('its share of the score') }),
  ),
  dependencies: z.array(
    z.object({ dependency: z.string(), scenarios: count, passed: count, faults: z.array(z.object({ kind: z.string(), scenarios: count, passed: count })) }),
  ),
  failures: z.array(
    scenarioRefSchema.extend({ uri: z.string(), line: count.optional(), verdict: verdictSchema, step: z.string(), message: z.string(), figures: z.array(figureSchema) }),
  ),
  nearMisses: z.array(scenarioRefSchema.extend({ text: z.string(), marginMs: z.number().optional() })),
  recovery: z.array(scenarioRefSchema.extend({ figures: z.array(figureSchema) })).describe('RTO/RPO and the checkers\' figures'),
  failovers: z
    .object({ count, lost: count.describe('acknowledged writes absent after recovery'), splitBrainWrites: count, groups: z.array(failoverGroupSchema) })
    .describe('every failover of the run, by kind and manager'),
  resilienceScore: z.object({
    percent,
    passed: count,
    counted: count,
    formula: z.string(),
    notCounted: z.array(z.object({ what: z.string(), why: z.string() })),
  }),
});

const mutantRunSchema = z.object({
  source: z.enum(['this run', 'saved results', 'scenario evidence']),
  writtenAt: z.string().optional(),
  commit: z.string().optional(),
  results: z.array(
    z.object({ name: z.string(), breaks: z.string().optional(), killed: z.boolean(), notRun: z.boolean().optional().describe('in the catalog, absent from the results'), scenario: z.string().optional(), step: z.string().optional() }),
  ),
});

const comparisonSchema = z.object({
  against: z.string().describe('the previous resilience-report.json'),
  againstStartedAt: epochMs.optional(),
  newlyFailing: z.array(z.string()),
  newlyPassing: z.array(z.string()),
  slower: z.array(z.object({ scenario: z.string(), label: z.string(), beforeMs: z.number(), afterMs: z.number() })),
});

export const resilienceReportSchema = z.object({
  schemaVersion: z.literal(reportSchemaVersion),
  generator: z.object({ name: z.literal('faultline'), cucumberVersion: z.string().optional() }),
  run: z.object({
    startedAt: epochMs.optional(),
    finishedAt: epochMs.optional(),
    durationMs: z.number().min(0).optional(),
    success: z.boolean().optional().describe("cucumber's own verdict on the run"),
    message: z.string().optional(),
  }),
  summary: summarySchema,
  mutants: mutantRunSchema.optional(),
  mutationScore: mutationScoreSchema.optional(),
  comparison: comparisonSchema.optional(),
  scenarios: z.array(scenarioSchema),
});

export type Figure = z.infer<typeof figureSchema>;
export type StepReport = z.infer<typeof stepSchema>;
export type ScenarioReport = z.infer<typeof scenarioSchema>;
export type ReportSummary = z.infer<typeof summarySchema>;
export type MutantRun = z.infer<typeof mutantRunSchema>;
export type Comparison = z.infer<typeof comparisonSchema>;
export type ResilienceReport = z.infer<typeof resilienceReportSchema>;

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(resilienceReportSchema, { target: 'draft-2020-12' }),
    $id: `urn:faultline:resilience-report:${reportSchemaVersion}`,
    title: 'Faultline resilience report',
    description: 'resilience-report.json, generated from src/report/resilience-report.ts. Times are epoch milliseconds; durations milliseconds.',
  };
}
