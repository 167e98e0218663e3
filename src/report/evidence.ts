// The evidence a scenario attaches (media type evidenceMediaType), as zod schemas: the producers'
// types are inferred from them, the reader validates with them, and the report's JSON Schema is
// generated from them. Version 2 added the optional fields after diagnostics; version 1 evidence is
// valid version 2 evidence, so readers accept both and producers write the current one.
import { z } from 'zod';

export const evidenceMediaType = 'application/vnd.faultline.evidence+json';
export const evidenceSchemaVersion = 2;

const epochMs = z.number().min(0).describe('epoch milliseconds');
const ms = z.number().min(0);
const count = z.number().int().min(0);
const text = z.string();

const faultSchema = z.object({
  kind: text.describe('e.g. toxic:latency, link-down, http:503, process:pause, cpu:stress, clock:skew, dns:refused, packet:loss'),
  target: text.describe('the link, upstream route or container the fault acts on'),
  description: text,
  parameters: z.record(z.string(), z.unknown()),
  injectedAt: epochMs.optional(),
  removedAt: epochMs.optional(),
  injectMs: ms.optional().describe('how long inject() took'),
  removeMs: ms.optional().describe('how long remove() took'),
});

const requestSchema = z.object({
  label: text,
  method: text,
  path: text,
  startedAt: epochMs,
  durationMs: ms,
  status: z.number().int().optional(),
  error: text.optional(),
});

const measurementSchema = z.object({
  label: text.describe('the sentence\'s claim, e.g. "added p50 order latency"'),
  measured: z.number().nullable().describe('null when nothing could be measured (NaN in the producer)'),
  unit: text,
  bound: text.describe('e.g. "-inf..500 ms (accepted -inf..550.0)", "all 3 with status 502", "exactly 0"'),
  ok: z.boolean(),
  detail: text.optional().describe('the values behind the verdict'),
});

const breakerStateSchema = z.enum(['closed', 'open', 'half-open']);
const breakerTransitionSchema = z.object({ at: epochMs, from: breakerStateSchema, to: breakerStateSchema });

const latencyBucketSchema = z.object({
  at: epochMs,
  widthMs: z.number().positive(),
  requests: count,
  errors: count,
  p50Ms: ms.optional(),
  p99Ms: ms.optional(),
  maxMs: ms.optional(),
});

const loadPhaseSchema = z.object({
  name: text.describe('"warm-up", "fault", "recovery", ...'),
  startedAt: epochMs,
  endedAt: epochMs,
  requests: count,
  errors: count.describe('non-2xx answers and connection errors, timeouts included'),
  timeouts: count,
  latencyMs: z.object({ p50: ms, p90: ms.optional(), p99: ms, max: ms.optional() }),
  series: z.array(latencyBucketSchema),
});

const retryGapSchema = z.object({
  attempt: z.number().int().min(1).describe('gap n is between attempt n-1 and attempt n'),
  gapMs: z.number(),
  envelopeMinMs: ms.describe('the backoff policy\'s envelope, tolerances not included'),
  envelopeMaxMs: ms,
});

const fuzzRunSchema = z.object({
  property: text,
  runs: count,
  seed: z.number().int(),
  path: text.optional().describe("fast-check's shrink path of the counterexample"),
  counterexample: text.optional(),
  replayCommand: text,
  ok: z.boolean(),
});

const disasterRecoverySchema = z.object({
  history: z.object({ ok: count, failed: count, unknown: count }).describe('writes attempted, by the outcome the client saw'),
  lost: count.describe('acknowledged but absent after recovery'),
  duplicated: count,
  unexpected: count.describe('present but never attempted'),
  failedButPresent: count.optional().describe('reported as failed to the client, yet present'),
  rtoMs: ms.optional().describe('from the fault to the first acknowledged write'),
  rpoCount: count.optional().describe('acknowledged writes lost'),
  bounds: z.object({ rtoMs: ms.optional(), rpoCount: count.optional() }).optional(),
  failover: z
    .object({
      kind: z.enum(['kill', 'partition', 'dcs-loss', 'switchover', 'lagging-replica']).describe('what made the cluster change (or keep) its primary'),
      manager: text.describe('what promoted: "patroni" (the HA manager) or "harness" (the suite itself)'),
      faultAt: ms.describe('epoch ms of the fault (or of the switchover request)'),
      oldPrimary: text.optional(),
      newPrimary: text.optional().describe('absent when no member was promoted'),
      demotedAt: ms.optional().describe('epoch ms when the old primary stopped being writable'),
      promotedAt: ms.optional().describe('epoch ms when the new primary was first seen writable'),
      splitBrainWrites: count.optional().describe('writes acknowledged by a primary after it lost its leader lock (or by two primaries)'),
    })
    .optional(),
  timeline: z
    .object({
      startAt: ms.describe('epoch ms of the first bucket'),
      bucketMs: ms,
      buckets: z.array(z.object({ ok: count, failed: count, unknown: count })).describe('writes by outcome, bucketed by the time each completed'),
      marks: z.array(z.object({ at: ms.describe('epoch ms'), label: text })).describe('the fault, the promotion, the healing ...'),
    })
    .optional()
    .describe('the write history over time, for the chart'),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('the HA manager\'s settings the figures were measured with (ttl, loop_wait, ...)'),
});

const mutantEvidenceSchema = z.object({ name: text, killed: z.boolean(), killedBy: text.optional() });

const diagnosticsSchema = z.object({
  logs: z.record(z.string(), z.string()).describe('the last log lines of each container'),
  toxiproxy: z.unknown(),
});

export const scenarioEvidenceSchema = z.object({
  schemaVersion: z.number().int().min(1),
  faults: z.array(faultSchema),
  requests: z.array(requestSchema),
  measurements: z.array(measurementSchema),
  service: z.object({ configuration: z.record(z.string(), z.string()) }),
  notes: z.record(z.string(), z.unknown()),
  diagnostics: diagnosticsSchema.optional(),
  breakerTransitions: z.array(breakerTransitionSchema).optional(),
  loadPhases: z.array(loadPhaseSchema).optional(),
  retryGaps: z.array(retryGapSchema).optional(),
  fuzzRuns: z.array(fuzzRunSchema).optional(),
  disasterRecovery: disasterRecoverySchema.optional(),
  mutants: z.array(mutantEvidenceSchema).optional(),
});

// What the events and saga hooks and the explore steps leave in the notes, read leniently: a note
// that does not match is not drawn (the notes are shown raw as well).
const keys = z.array(z.string());
export const eventsNoteSchema = z.object({
  check: z.object({ orders: count, shippedOnce: count, deadLettered: count, lost: keys, duplicated: keys, unexpected: keys }).optional(),
  stages: z.record(z.string(), count).optional(),
  journey: z.array(z.object({ at: epochMs, event: text, orderId: text, delivery: count.optional(), error: text.optional(), delayMs: ms.optional() })).optional(),
});
export const integrityCheckSchema = z.object({
  charges: count, refunds: count, reservations: count, releases: count, storedOrders: count,
  orphanCharges: keys, orphanReservations: keys, refundedButStored: keys, releasedButStored: keys,
  ordersWithoutCharge: keys, ordersWithoutReservation: keys, refundedTwice: keys, releasedTwice: keys,
  settledMs: ms.optional(),
  compensationsInProgress: count.optional(),
});
const outcome = z.object({ outcome: text, broken: keys });
export const explorationNoteSchema = z.object({
  stats: z.object({ runs: count, pairsPlanned: count, pairsPruned: count, pairsWithoutPruning: count, meanRunMs: ms, stoppedBy: text.nullable() }),
  matrix: z.object({ kinds: keys, rows: z.array(z.object({ position: text, cells: z.record(z.string(), outcome) })), pairs: z.array(outcome.extend({ faults: keys })) }),
  counterexamples: z.array(z.object({ oracle: text, detail: text, faults: keys, seed: z.number(), shrinks: count.optional(), replay: text })),
});

/** What a producer writes: a number, NaN when nothing could be measured (JSON writes NaN as null, which the schema reads). */
export type MeasurementEvidence = Omit<z.infer<typeof measurementSchema>, 'measured'> & { measured: number };
export type BreakerState = z.infer<typeof breakerStateSchema>;
export type BreakerTransitionEvidence = z.infer<typeof breakerTransitionSchema>;
export type LoadPhaseEvidence = z.infer<typeof loadPhaseSchema>;
export type FuzzRunEvidence = z.infer<typeof fuzzRunSchema>;
export type DisasterRecoveryEvidence = z.infer<typeof disasterRecoverySchema>;
export type MutantEvidence = z.infer<typeof mutantEvidenceSchema>;
export type ScenarioEvidence = z.infer<typeof scenarioEvidenceSchema>;

export function emptyEvidence(): ScenarioEvidence {
  return { schemaVersion: evidenceSchemaVersion, faults: [], requests: [], measurements: [], service: { configuration: {} }, notes: {} };
}

const listFields = ['faults', 'requests', 'measurements', 'breakerTransitions', 'loadPhases', 'retryGaps', 'fuzzRuns', 'mutants'] as const;

/**
 * Reads the evidence attachments of one scenario attempt (normally exactly one). A report must be
 * written even when one attachment is truncated, hand-edited or from another producer version: an
 * entry that does not match its schema is left out and said so (problems), never guessed.
 */
export function readEvidence(bodies: readonly string[]): { evidence?: ScenarioEvidence; problems: string[] } {
  const problems: string[] = [];
  let evidence: ScenarioEvidence | undefined;
  bodies.forEach((body, index) => {
    const which = bodies.length > 1 ? `evidence attachment ${index + 1} of ${bodies.length}` : 'the evidence attachment';
    let raw: unknown;
    try {
      raw = JSON.parse(body);
    } catch (error) {
      return problems.push(`${which} is not JSON (${(error as Error).message}); it was left out`);
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return problems.push(`${which} is not a JSON object; it was left out`);
    const one = readOne(raw as Record<string, unknown>, problems);
    evidence = evidence ? merge(evidence, one) : one;
  });
  if (bodies.length > 1) problems.push(`${bodies.length} evidence attachments were merged; a scenario normally attaches one`);
  return evidence ? { evidence, problems } : { problems };
}

function readOne(raw: Record<string, unknown>, problems: string[]): ScenarioEvidence {
  const read: Record<string, unknown> = { ...emptyEvidence() };
  for (const [field, value] of Object.entries(raw)) {
    const schema = scenarioEvidenceSchema.shape[field as keyof ScenarioEvidence];
    if (!schema || value === undefined) continue;
    if ((listFields as readonly string[]).includes(field) && Array.isArray(value)) {
      const list = (schema instanceof z.ZodOptional ? schema.unwrap() : schema) as z.ZodArray<z.ZodType>;
      // The parsed entries, not the raw ones: fields the schema does not know are dropped, as the report's schema wants.
      const kept = value.flatMap((entry) => {
        const parsed = list.element.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      });
      if (kept.length < value.length) problems.push(`${value.length - kept.length} of ${value.length} entries of evidence field "${field}" were malformed and left out`);
      read[field] = kept;
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) read[field] = parsed.data;
    else if (field === 'schemaVersion') problems.push('evidence has no valid schemaVersion; it was read as the current version');
    else problems.push(`evidence field "${field}" is malformed; it was left out`);
  }
  const version = read.schemaVersion as number;
  if (version > evidenceSchemaVersion) problems.push(`evidence schemaVersion ${version} is newer than this report understands (${evidenceSchemaVersion}); only the fields it knows were read`);
  return read as ScenarioEvidence;
}

function merge(into: ScenarioEvidence, from: ScenarioEvidence): ScenarioEvidence {
  const merged: Record<string, unknown> = { ...into, ...from, schemaVersion: Math.max(into.schemaVersion, from.schemaVersion) };
  for (const field of listFields) if (into[field] || from[field]) merged[field] = [...(into[field] ?? []), ...(from[field] ?? [])];
  merged.service = { configuration: { ...into.service.configuration, ...from.service.configuration } };
  merged.notes = { ...into.notes, ...from.notes };
  return merged as ScenarioEvidence;
}
