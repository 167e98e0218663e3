import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AttachmentContentEncoding, type Envelope } from '@cucumber/messages';
import { evidenceMediaType } from './evidence.js';
import { Redactor } from './redaction.js';
import { ReportCollector } from './report-collector.js';
import { leakedSecrets, syntheticEnvelopes, syntheticScenarios } from '../../test/fixtures/synthetic-messages.js';

function collect(envelopes: readonly Envelope[], redactor?: Redactor) {
  const collector = new ReportCollector(redactor);
  for (const envelope of envelopes) collector.add(envelope);
  return collector.build();
}

describe('ReportCollector', () => {
  const report = collect(syntheticEnvelopes());

  it('reports every scenario in feature-file order with its verdict', () => {
    assert.deepEqual(
      report.scenarios.map((scenario) => [scenario.name, scenario.verdict]),
      syntheticScenarios.map((scenario, index) => [scenario.name, ['passed', 'failed', 'passed', 'undefined'][index]]),
    );
    assert.deepEqual(report.summary.byVerdict, { passed: 2, failed: 1, skipped: 0, pending: 0, undefined: 1, ambiguous: 0, unknown: 0 });
    assert.equal(report.run.success, false);
    assert.equal(report.run.durationMs, 25_000);
    assert.equal(report.generator.cucumberVersion, '13.3.0');
  });

  it('shows the last attempt of a retried scenario and counts the attempts', () => {
    const failed = report.scenarios[1];
    assert.equal(failed?.attempts, 2);
    assert.equal(failed?.startedAt, syntheticScenarios[1]!.startedAt + 100);
  });

  it('keeps the spec sentences with their keywords, statuses and errors', () => {
    const steps = report.scenarios[1]?.steps ?? [];
    assert.deepEqual(
      steps.map((step) => [step.kind, step.keyword.trim(), step.text, step.status]),
      [
        ['step', 'When', 'the payment link goes down', 'passed'],
        ['step', 'And', 'an order is placed', 'passed'],
        ['step', 'Then', 'the order fails with 503 or 504 within 500ms', 'failed'],
        ['step', 'When', 'the payment link comes back', 'skipped'],
        ['hook', 'After', 'restore the stack', 'passed'],
      ],
    );
    assert.match(steps[2]?.error ?? '', /measured 1480\.0 ms/);
    assert.equal(steps[0]?.durationMs, 9);
  });

  it('reads the evidence of each scenario, faults, requests, measurements and the version 2 fields', () => {
    const evidence = report.scenarios[0]?.evidence;
    assert.ok(evidence);
    assert.equal(evidence.faults[0]?.kind, 'toxic:latency');
    assert.equal(evidence.requests.length, 40);
    assert.equal(evidence.measurements.length, 2);
    assert.equal(evidence.breakerTransitions?.length, 3);
    assert.equal(evidence.loadPhases?.[0]?.series.length, 4);
    assert.equal(evidence.retryGaps?.length, 3);
    assert.equal(report.scenarios[2]?.evidence?.disasterRecovery?.rtoMs, 3210);
    assert.ok(report.scenarios[1]?.evidence?.diagnostics);
    assert.deepEqual(report.scenarios[0]?.evidenceProblems, []);
    assert.deepEqual(report.scenarios[3]?.evidenceProblems, ['the scenario attached no evidence']);
    assert.equal(report.scenarios[3]?.evidence, undefined);
  });

  it('computes the score per pattern, each pattern weighing the same, and says how and what it leaves out', () => {
    const score = report.summary.resilienceScore;
    // timeouts: latency passed, link-down failed (1/2); disaster recovery: 1/1 → (50 + 100) / 2.
    assert.deepEqual([score.passed, score.counted, score.percent], [2, 3, 75]);
    assert.match(score.formula, /mean of the patterns' scores/);
    assert.deepEqual(
      report.summary.patterns.filter((row) => row.scenarios > 0).map((row) => [row.pattern, row.passed, row.withFault, row.weight]),
      [['timeouts', 1, 2, 0.5], ['bulkhead', 0, 0, 0], ['disaster recovery', 1, 1, 0.5]],
    );
    assert.match(score.notCounted[0]?.what ?? '', /^1 scenario without a fault \(bulkhead: A full bulkhead rejects at once\)/);
    assert.ok(score.notCounted.some((entry) => /^retries, circuit breaker, .*auth, deployments$/.test(entry.what) && /untested/.test(entry.why)));
    assert.equal(report.summary.resilient, false);
    assert.equal(report.summary.headline, 'Not resilient: 1 of 2 patterns failed under faults (timeouts)');
    assert.equal(report.scenarios[3]?.exercisedFailure, false);
    assert.equal(report.summary.faultsInjected, 3);
    assert.deepEqual(report.summary.measurements, { total: 3, withinBound: 2, nearMisses: 0 });
  });

  it('answers by dependency, failures first with their step, line and figures in plain words', () => {
    assert.deepEqual(
      report.summary.dependencies.map((row) => [row.dependency, row.passed, row.scenarios, row.faults.map((fault) => `${fault.kind} ${fault.passed}/${fault.scenarios}`)]),
      [['payment', 1, 2, ['link-down 0/1', 'toxic:latency 1/1']], ['db-primary', 1, 1, ['kill-primary 1/1']]],
    );
    const [first, second] = report.summary.failures;
    assert.equal(first?.scenario, 'The payment link goes down, then comes back');
    assert.equal(first?.line, 3);
    assert.equal(first?.step, 'Then the order fails with 503 or 504 within 500ms');
    assert.match(first?.message ?? '', /^time to fail the order: measured 1480\.0 ms/);
    assert.equal(first?.figures[0]?.text, 'time to fail the order: 1.48 s, 980 ms over the 500 ms bound and beyond its 50 ms tolerance');
    assert.equal(second?.verdict, 'undefined');
    assert.deepEqual(report.summary.recovery.map((entry) => entry.figures.map((figure) => figure.text)), [
      ['RTO 3.21 s (bound 10 s)', 'RPO 0 acknowledged writes lost (bound 0)', '423 writes: 412 acknowledged, 9 failed, 2 unknown; after recovery 0 lost, 0 duplicated, 0 unexpected, 1 failed but present'],
    ]);
  });

  it('redacts secrets the producers forgot: configuration, data tables, logs, bearer tokens', () => {
    const text = JSON.stringify(report);
    for (const secret of Object.values(leakedSecrets)) assert.ok(!text.includes(secret), `the report leaks ${secret}`);
    assert.equal(report.scenarios[0]?.evidence?.service.configuration.DB_PASSWORD, '[redacted]');
    assert.equal(report.scenarios[0]?.evidence?.service.configuration.ATTEMPT_TIMEOUT_MS, '500');
    assert.deepEqual(report.scenarios[0]?.steps[0]?.dataTable, [
      ['ATTEMPT_TIMEOUT_MS', '500'],
      ['DB_PASSWORD', '[redacted]'],
    ]);
  });

  it('removes secret values of the environment wherever they appear', () => {
    const envelopes = syntheticEnvelopes();
    const secret = 'order-service-api-key-123';
    const withSecret = envelopes.map((envelope) =>
      envelope.pickle ? { pickle: { ...envelope.pickle, name: `${envelope.pickle.name} using ${secret}` } } : envelope,
    );
    const redacted = collect(withSecret, Redactor.fromEnvironment({ ORDER_API_KEY: secret, HOME: '/root' }));
    assert.ok(!JSON.stringify(redacted).includes(secret));
    assert.match(redacted.scenarios[0]?.name ?? '', /using \[redacted\]$/);
  });

  it('builds the same model whatever order parallel workers interleave their messages in', () => {
    const envelopes = syntheticEnvelopes();
    const started = envelopes.findIndex((envelope) => envelope.testRunStarted);
    const head = envelopes.slice(0, started + 1);
    const runEvents = envelopes.slice(started + 1, -1);
    // Interleave per test case: each worker's messages keep their own order.
    const byCase = new Map<string, Envelope[]>();
    for (const envelope of runEvents) {
      const key =
        envelope.testCaseStarted?.id ??
        envelope.testStepFinished?.testCaseStartedId ??
        envelope.attachment?.testCaseStartedId ??
        envelope.testCaseFinished?.testCaseStartedId ??
        '';
      byCase.set(key, [...(byCase.get(key) ?? []), envelope]);
    }
    const queues = [...byCase.values()].reverse();
    const interleaved: Envelope[] = [];
    while (queues.some((queue) => queue.length > 0)) for (const queue of queues) if (queue.length > 0) interleaved.push(queue.shift()!);
    const shuffled = collect([...head, ...interleaved, envelopes[envelopes.length - 1]!]);
    assert.deepEqual(shuffled, report);
  });

  it('reads base64 attachments and reports unreadable evidence instead of failing', () => {
    const envelopes = syntheticEnvelopes().map((envelope) => {
      const attachment = envelope.attachment;
      if (!attachment || attachment.mediaType !== evidenceMediaType) return envelope;
      if (attachment.body.includes('kill-primary')) return { attachment: { ...attachment, body: '{"schemaVersion": 2, "faults": [' } };
      return { attachment: { ...attachment, body: Buffer.from(attachment.body).toString('base64'), contentEncoding: AttachmentContentEncoding.BASE64 } };
    });
    const mixed = collect(envelopes);
    assert.equal(mixed.scenarios[0]?.evidence?.faults.length, 1);
    assert.equal(mixed.scenarios[2]?.evidence, undefined);
    assert.match(mixed.scenarios[2]?.evidenceProblems[0] ?? '', /not JSON/);
  });

  it('marks a scenario that started but never finished as unknown', () => {
    const envelopes = syntheticEnvelopes();
    const lastCase = envelopes.findLast((envelope) => envelope.testCaseFinished);
    const cut = collect(envelopes.filter((envelope) => envelope !== lastCase && !envelope.testRunFinished));
    assert.equal(cut.scenarios[3]?.verdict, 'undefined');
    const passedCase = envelopes.find((envelope) => envelope.testCaseFinished);
    const unfinished = collect(envelopes.filter((envelope) => envelope !== passedCase));
    assert.equal(unfinished.scenarios[0]?.verdict, 'unknown');
    assert.equal(cut.run.finishedAt, undefined);
  });
});
