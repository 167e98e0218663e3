import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvidence, evidenceSchemaVersion } from './evidence.js';
import { readEvidence } from './evidence-reader.js';

describe('readEvidence', () => {
  it('reads version 1 evidence (no version 2 fields) as it is', () => {
    const v1 = { ...emptyEvidence(), schemaVersion: 1, faults: [{ kind: 'link-down', target: 'payment', description: 'down', parameters: {}, injectedAt: 1 }] };
    const reading = readEvidence([JSON.stringify(v1)]);
    assert.deepEqual(reading.problems, []);
    assert.equal(reading.evidence?.schemaVersion, 1);
    assert.equal(reading.evidence?.faults[0]?.injectedAt, 1);
    assert.equal(reading.evidence?.breakerTransitions, undefined);
  });

  it('keeps what it can of malformed entries and says what it left out', () => {
    const raw = {
      schemaVersion: evidenceSchemaVersion,
      faults: [{ kind: 'link-down' }, { kind: 'toxic:latency', target: 'payment' }],
      requests: [{ startedAt: 'yesterday', durationMs: 1 }, { startedAt: 5, durationMs: -1 }, { startedAt: 5, durationMs: 2, status: 200 }],
      measurements: 'many',
      breakerTransitions: [{ at: 1, from: 'closed', to: 'ajar' }],
      retryGaps: [{ attempt: 0, gapMs: 1, envelopeMinMs: 0, envelopeMaxMs: 1 }],
      disasterRecovery: { lost: 'none' },
    };
    const reading = readEvidence([JSON.stringify(raw)]);
    assert.equal(reading.evidence?.faults.length, 1);
    assert.equal(reading.evidence?.faults[0]?.description, 'toxic:latency on payment');
    assert.equal(reading.evidence?.requests.length, 1);
    assert.deepEqual(reading.evidence?.measurements, []);
    assert.deepEqual(reading.evidence?.breakerTransitions, []);
    assert.equal(reading.evidence?.disasterRecovery, undefined);
    assert.deepEqual(reading.problems, [
      '1 of 2 entries of evidence field "faults" were malformed and left out',
      '2 of 3 entries of evidence field "requests" were malformed and left out',
      'evidence field "measurements" is not a list; it was left out',
      '1 of 1 entries of evidence field "breakerTransitions" were malformed and left out',
      '1 of 1 entries of evidence field "retryGaps" were malformed and left out',
      'evidence field "disasterRecovery" is malformed; it was left out',
    ]);
  });

  it('reads a newer version for the fields it knows and says so', () => {
    const reading = readEvidence([JSON.stringify({ ...emptyEvidence(), schemaVersion: 99, hologram: true })]);
    assert.equal(reading.evidence?.schemaVersion, 99);
    assert.match(reading.problems[0] ?? '', /schemaVersion 99 is not one this report understands/);
  });

  it('merges several attachments and flags that as unusual', () => {
    const first = { ...emptyEvidence(), requests: [{ label: 'a', method: 'GET', path: '/', startedAt: 1, durationMs: 1 }] };
    const second = { ...emptyEvidence(), requests: [{ label: 'b', method: 'GET', path: '/', startedAt: 2, durationMs: 1 }], mutants: [{ name: 'm', killed: true }] };
    const reading = readEvidence([JSON.stringify(first), JSON.stringify(second), 'garbage']);
    assert.deepEqual(reading.evidence?.requests.map((request) => request.label), ['a', 'b']);
    assert.equal(reading.evidence?.mutants?.length, 1);
    assert.match(reading.problems.join('\n'), /attachment 3 of 3 is not JSON/);
    assert.match(reading.problems.join('\n'), /3 evidence attachments were merged/);
  });
});
