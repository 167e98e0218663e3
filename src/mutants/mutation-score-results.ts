// reports/mutation-score/results.json, as npm run test:mutation-score writes it and the resilience
// report reads it: one zod schema for both.
import { z } from 'zod';

const count = z.number().int().min(0);

const scoreCounts = {
  score: z.number().nullable().describe('(killed + timeout) / (killed + timeout + survived + no coverage + errors) in percent; null when nothing was scored'),
  killed: count,
  survived: count,
  timeout: count,
  noCoverage: count,
  errors: count.describe('failed only outside a Then: scored as survived'),
  ignored: count.describe('explained as equivalent or unable to run, planted-defect code, log messages: not scored'),
};

/** The source-level mutation score over the resilience modules. */
export const mutationScoreSchema = z.object({
  writtenAt: z.string(),
  commit: z.string().optional(),
  ...scoreCounts,
  modules: z.array(z.object({ module: z.string(), tags: z.string(), writtenAt: z.string(), commit: z.string().optional(), totalMs: z.number(), ...scoreCounts })),
  notMeasured: z.array(z.string()),
  survivors: z.array(z.object({ module: z.string(), id: z.string(), mutatorName: z.string(), status: z.enum(['survived', 'no-coverage', 'error']), diff: z.string(), detail: z.string().optional() })),
  subset: z
    .object({ writtenAt: z.string(), commit: z.string().optional(), totalMs: z.number(), budgetMs: z.number(), killed: count, notKilled: count })
    .optional()
    .describe("the last run of npm test's fixed subset (npm run test:mutation-subset)"),
});

export type MutationScoreResults = z.infer<typeof mutationScoreSchema>;
