import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import type { Envelope } from '@cucumber/messages';
import { evidenceMediaType } from './evidence.js';
import { ReportCollector } from './report-collector.js';
import { reportJsonSchema, reportSchemaVersion } from './resilience-report.js';
import { renderReports } from './write-reports.js';
import { syntheticEnvelopes } from '../../test/fixtures/synthetic-messages.js';

const jsonReportSchemaFile = 'resilience-report.schema.json';
const schemaUrl = new URL(`./${jsonReportSchemaFile}`, import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as Record<string, unknown>;
const writeSchemaCommand = `npx tsx -e "import('./src/report/resilience-report.ts').then((m) => require('node:fs').writeFileSync('src/report/${jsonReportSchemaFile}', JSON.stringify(m.reportJsonSchema(), null, 2) + '\\n'))"`;
// allowUnionTypes: the HA settings are string, number or boolean (`"type": [...]`, plain JSON Schema that strict mode only flags as a style).
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);

function reportJson(envelopes: readonly Envelope[]): unknown {
  const collector = new ReportCollector();
  for (const envelope of envelopes) collector.add(envelope);
  return JSON.parse(renderReports(collector.build()).json);
}

function assertValid(report: unknown): void {
  const valid = validate(report);
  assert.ok(valid, `the report does not match ${jsonReportSchemaFile}:\n${JSON.stringify(validate.errors, null, 2)}`);
}

/** The synthetic stream with the first scenario's evidence replaced by `body`. */
function withEvidenceBody(body: string): Envelope[] {
  let replaced = false;
  return syntheticEnvelopes().map((envelope) => {
    if (replaced || envelope.attachment?.mediaType !== evidenceMediaType) return envelope;
    replaced = true;
    return { attachment: { ...envelope.attachment, body } };
  });
}

// Evidence that is nearly right: the right field names with values of any type, so that every
// reader branch (kept, dropped, defaulted) meets the schema.
const loose = fc.oneof(fc.integer({ min: -5, max: 3_000 }), fc.double({ noNaN: true }), fc.string({ maxLength: 6 }), fc.boolean(), fc.constant(null), fc.constantFrom('closed', 'open', 'half-open'));
const looseRecord = (keys: readonly string[]) =>
  fc.record(Object.fromEntries(keys.map((key) => [key, loose])) as Record<string, typeof loose>, { requiredKeys: [] });
const evidenceLike = fc.record(
  {
    schemaVersion: fc.oneof(fc.constantFrom(1, 2, 3), loose),
    faults: fc.array(fc.oneof(looseRecord(['kind', 'target', 'description', 'injectedAt', 'removedAt']), fc.record({ kind: fc.string(), target: fc.string(), parameters: fc.dictionary(fc.string(), fc.jsonValue()) })), { maxLength: 3 }),
    requests: fc.array(looseRecord(['label', 'method', 'path', 'startedAt', 'durationMs', 'status', 'error']), { maxLength: 4 }),
    measurements: fc.array(looseRecord(['label', 'measured', 'unit', 'bound', 'ok', 'detail']), { maxLength: 3 }),
    service: fc.record({ configuration: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })) }),
    notes: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    diagnostics: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.record({ logs: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 })), toxiproxy: fc.jsonValue({ maxDepth: 1 }) })),
    breakerTransitions: fc.array(looseRecord(['at', 'from', 'to']), { maxLength: 3 }),
    loadPhases: fc.array(
      fc.record(
        {
          name: loose,
          startedAt: loose,
          endedAt: loose,
          requests: loose,
          errors: loose,
          timeouts: loose,
          latencyMs: looseRecord(['p50', 'p90', 'p99', 'max']),
          series: fc.array(looseRecord(['at', 'widthMs', 'requests', 'errors', 'p50Ms', 'p99Ms', 'maxMs']), { maxLength: 3 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 2 },
    ),
    retryGaps: fc.array(looseRecord(['attempt', 'gapMs', 'envelopeMinMs', 'envelopeMaxMs']), { maxLength: 3 }),
    fuzzRuns: fc.array(looseRecord(['property', 'runs', 'seed', 'path', 'counterexample', 'replayCommand', 'ok']), { maxLength: 2 }),
    disasterRecovery: fc.record(
      {
        history: looseRecord(['ok', 'failed', 'unknown']), lost: loose, duplicated: loose, unexpected: loose, failedButPresent: loose, rtoMs: loose, rpoCount: loose, bounds: looseRecord(['rtoMs', 'rpoCount']),
        failover: fc.oneof(looseRecord(['manager', 'faultAt', 'oldPrimary', 'newPrimary', 'demotedAt', 'promotedAt', 'splitBrainWrites']), fc.record({ kind: fc.constantFrom('kill', 'partition', 'dcs-loss', 'switchover', 'lagging-replica', 'crash'), manager: fc.constantFrom('patroni', 'harness'), faultAt: loose, splitBrainWrites: loose }, { requiredKeys: ['kind', 'manager'] })),
        timeline: fc.record({ startAt: loose, bucketMs: loose, buckets: fc.array(looseRecord(['ok', 'failed', 'unknown']), { maxLength: 4 }), marks: fc.array(looseRecord(['at', 'label']), { maxLength: 3 }) }, { requiredKeys: [] }),
        settings: fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(loose, fc.jsonValue({ maxDepth: 1 }))),
      },
      { requiredKeys: [] },
    ),
    mutants: fc.array(looseRecord(['name', 'killed', 'killedBy']), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

describe('resilience-report.json', () => {
  it('has its checked-in JSON Schema generated from the zod model', () => {
    assert.equal(readFileSync(schemaUrl, 'utf8'), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`, `${jsonReportSchemaFile} is stale; rewrite it with: ${writeSchemaCommand}`);
  });

  it('is versioned and validates against the shipped JSON Schema', () => {
    const report = reportJson(syntheticEnvelopes()) as { schemaVersion: number };
    assert.equal(report.schemaVersion, reportSchemaVersion);
    assertValid(report);
  });

  it('validates whatever evidence the scenarios attached (property)', () => {
    fc.assert(
      fc.property(evidenceLike, (evidence) => {
        assertValid(reportJson(withEvidenceBody(JSON.stringify(evidence))));
      }),
      { numRuns: 300 },
    );
  });

  it('validates when evidence is not JSON at all, or not an object', () => {
    for (const body of ['', '[1,2]', 'null', '"text"', '{"schemaVersion":']) assertValid(reportJson(withEvidenceBody(body)));
    // A time past what a Date holds is written as a number, not thrown on by the HTML writer.
    assertValid(reportJson(withEvidenceBody('{"breakerTransitions":[{"at":8640000000000001,"from":"closed","to":"open"}]}')));
    // Fields a newer producer adds are dropped, not carried into a report its schema would refuse.
    assertValid(reportJson(withEvidenceBody('{"faults":[{"kind":"k","target":"t","description":"d","parameters":{},"blastRadius":3}],"service":{"configuration":{},"image":"x"}}')));
  });

  it('rejects a report that drifted from the schema (the test can fail)', () => {
    const report = reportJson(syntheticEnvelopes()) as { scenarios: { verdict: string }[] };
    report.scenarios[0]!.verdict = 'green';
    assert.equal(validate(report), false);
  });
});
