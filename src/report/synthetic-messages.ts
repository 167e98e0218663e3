// A small but complete cucumber message stream for the report tests: a passed latency scenario with
// every kind of timed evidence, a failed link-down scenario with diagnostics (and hostile text in
// its logs), a disaster-recovery scenario with fuzz runs and mutants, and one with an undefined step.
import type { Envelope, MessageTimestamp } from './cucumber-envelope.js';
import { emptyEvidence, evidenceMediaType, type ScenarioEvidence } from './evidence.js';

/** Values the producers failed to redact; no report may contain them. */
export const leakedSecrets = {
  configuredPassword: 'hunter2-in-config',
  tablePassword: 'hunter2-in-table',
  logPassword: 'hunter2-in-log',
  bearerToken: 'eyJhbGciOiJIUzI1NiJ9.leaked.token',
} as const;

/** Text that must come out as text, never as markup. */
export const hostileText = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

export const runStartedAt = Date.UTC(2025, 0, 15, 9, 30, 0);

function timestamp(epochMs: number): MessageTimestamp {
  return { seconds: Math.floor(epochMs / 1000), nanos: (epochMs % 1000) * 1e6 };
}

function duration(ms: number): MessageTimestamp {
  return { seconds: Math.floor(ms / 1000), nanos: Math.round((ms % 1000) * 1e6) };
}

interface StepSpec {
  readonly keyword: string;
  readonly text: string;
  readonly status: string;
  readonly durationMs: number;
  readonly message?: string;
  readonly dataTable?: string[][];
}

interface ScenarioSpec {
  readonly uri: string;
  readonly feature: string;
  readonly name: string;
  readonly tags?: string[];
  readonly startedAt: number;
  readonly steps: StepSpec[];
  readonly evidence?: ScenarioEvidence;
  /** Earlier failed attempts (cucumber --retry). */
  readonly retriedAttempts?: number;
}

function latencyEvidence(t0: number): ScenarioEvidence {
  const evidence = emptyEvidence();
  evidence.service.configuration = { ATTEMPT_TIMEOUT_MS: '500', TOTAL_DEADLINE_MS: '2000', DB_PASSWORD: leakedSecrets.configuredPassword, API_KEYS: '[redacted]' };
  for (let i = 0; i < 20; i++) {
    evidence.requests.push({ label: 'baseline', method: 'POST', path: '/orders', startedAt: t0 + i * 40, durationMs: 11 + (i % 5), status: 201 });
  }
  const faultAt = t0 + 1000;
  evidence.faults.push({
    kind: 'toxic:latency',
    target: 'payment',
    description: 'latency (latency=200, jitter=0) on the payment link, downstream',
    parameters: { type: 'latency', stream: 'downstream', toxicity: 1, latency: 200, jitter: 0 },
    injectedAt: faultAt,
    removedAt: faultAt + 5200,
  });
  for (let i = 0; i < 20; i++) {
    evidence.requests.push({ label: 'current', method: 'POST', path: '/orders', startedAt: faultAt + 100 + i * 240, durationMs: 212 + (i % 7), status: 201 });
  }
  evidence.measurements.push(
    {
      label: 'added p50 order latency',
      measured: 201.4,
      unit: 'ms',
      bound: '200..200 ms (accepted 198.0..250.0)',
      ok: true,
      detail: 'baseline p50 12.6 ms (20 orders), under fault p50 214.0 ms (20 orders)',
    },
    { label: 'orders that succeeded', measured: 20, unit: 'requests', bound: 'all 20 with status 201', ok: true },
  );
  evidence.loadPhases = [
    {
      name: 'under fault',
      startedAt: faultAt + 200,
      endedAt: faultAt + 4200,
      requests: 400,
      errors: 3,
      timeouts: 1,
      latencyMs: { p50: 214, p90: 230, p99: 260, max: 480 },
      series: [0, 1, 2, 3].map((second) => ({
        at: faultAt + 200 + second * 1000,
        widthMs: 1000,
        requests: 100,
        errors: second === 2 ? 3 : 0,
        p50Ms: 212 + second,
        p99Ms: 250 + second * 5,
      })),
    },
  ];
  evidence.breakerTransitions = [
    { at: faultAt + 2000, from: 'closed', to: 'open' },
    { at: faultAt + 3000, from: 'open', to: 'half-open' },
    { at: faultAt + 3010, from: 'half-open', to: 'closed' },
  ];
  evidence.retryGaps = [
    { attempt: 2, gapMs: 48, envelopeMinMs: 0, envelopeMaxMs: 50 },
    { attempt: 3, gapMs: 91, envelopeMinMs: 0, envelopeMaxMs: 100 },
    { attempt: 4, gapMs: 188, envelopeMinMs: 0, envelopeMaxMs: 200 },
  ];
  evidence.notes.resetMs = 4.2;
  return evidence;
}

function linkDownEvidence(t0: number): ScenarioEvidence {
  const evidence = emptyEvidence();
  evidence.faults.push({ kind: 'link-down', target: 'payment', description: 'the payment link is down', parameters: {}, injectedAt: t0 + 300, removedAt: t0 + 1900 });
  evidence.requests.push(
    { label: 'order', method: 'POST', path: '/orders', startedAt: t0 + 400, durationMs: 1480, error: 'socket hang up' },
    { label: 'recovery', method: 'POST', path: '/orders', startedAt: t0 + 2000, durationMs: 14, status: 201 },
  );
  evidence.fuzzRuns = [
    {
      property: 'any order placed while the link is down fails fast',
      runs: 200,
      seed: -99,
      path: '14:2:0',
      counterexample: '{"customerId":"","items":[]}',
      replayCommand: 'npx faultline run --seed -99 --path 14:2:0 features/link-down.feature:12',
      ok: false,
    },
  ];
  evidence.measurements.push({ label: 'time to fail the order', measured: 1480, unit: 'ms', bound: '..500 ms (accepted -inf..550.0)', ok: false });
  evidence.diagnostics = {
    logs: {
      'order-service': [
        '{"level":50,"msg":"payment call failed","err":"connect ECONNREFUSED http://payment-gateway:8080/charges"}',
        `{"level":40,"msg":"${hostileText.replace(/"/g, '\\"')}"}`,
        `POSTGRES_PASSWORD=${leakedSecrets.logPassword} Authorization: Bearer ${leakedSecrets.bearerToken}`,
      ].join('\n'),
      'payment-gateway': 'listening on 0.0.0.0:8080\n',
    },
    toxiproxy: { payment: { enabled: false, toxics: [] } },
  };
  return evidence;
}

function drEvidence(t0: number): ScenarioEvidence {
  const evidence = emptyEvidence();
  evidence.faults.push({ kind: 'kill-primary', target: 'db-primary', description: 'postgres-primary killed (SIGKILL)', parameters: { signal: 'SIGKILL' }, injectedAt: t0 + 500, removedAt: t0 + 4500 });
  evidence.disasterRecovery = { history: { ok: 412, failed: 9, unknown: 2 }, lost: 0, duplicated: 0, unexpected: 0, failedButPresent: 1, rtoMs: 3210, rpoCount: 0, bounds: { rtoMs: 10_000, rpoCount: 0 } };
  evidence.fuzzRuns = [
    { property: 'any fault schedule keeps acknowledged orders', runs: 50, seed: 1_234_567, replayCommand: 'npx faultline run --seed 1234567 features/dr.feature:12', ok: true },
  ];
  evidence.mutants = [
    { name: 'breaker never opens', killed: true, killedBy: 'The breaker opens after 5 failures' },
    { name: 'replication is asynchronous', killed: false },
  ];
  return evidence;
}

export const syntheticScenarios: readonly ScenarioSpec[] = [
  {
    uri: 'features/latency.feature',
    feature: 'Latency on a dependency shows in order latency',
    name: '200ms of latency on the payment link adds 200ms to the median order latency',
    tags: ['@latency'],
    startedAt: runStartedAt + 1000,
    steps: [
      { keyword: 'Given ', text: 'the order service runs with:', status: 'PASSED', durationMs: 820, dataTable: [['ATTEMPT_TIMEOUT_MS', '500'], ['DB_PASSWORD', leakedSecrets.tablePassword]] },
      { keyword: 'Given ', text: 'a baseline of 20 orders', status: 'PASSED', durationMs: 310 },
      { keyword: 'When ', text: 'the payment link gets 200ms of downstream latency', status: 'PASSED', durationMs: 12 },
      { keyword: 'And ', text: '20 orders are placed', status: 'PASSED', durationMs: 4400 },
      { keyword: 'Then ', text: 'the p(50) order latency rose by 200ms', status: 'PASSED', durationMs: 1 },
    ],
    evidence: latencyEvidence(runStartedAt + 2000),
  },
  {
    uri: 'features/link-down.feature',
    feature: 'A dependency link going down',
    name: 'The payment link goes down, then comes back',
    startedAt: runStartedAt + 9000,
    retriedAttempts: 1,
    steps: [
      { keyword: 'When ', text: 'the payment link goes down', status: 'PASSED', durationMs: 9 },
      { keyword: 'And ', text: 'an order is placed', status: 'PASSED', durationMs: 1490 },
      {
        keyword: 'Then ',
        text: 'the order fails with 503 or 504 within 500ms',
        status: 'FAILED',
        durationMs: 2,
        message: `Error: time to fail the order: measured 1480.0 ms, expected [-inf, 500] ms ${hostileText}\n    at World.<anonymous> (steps/orders.steps.ts:40:8)`,
      },
      { keyword: 'When ', text: 'the payment link comes back', status: 'SKIPPED', durationMs: 0 },
    ],
    evidence: linkDownEvidence(runStartedAt + 9100),
  },
  {
    uri: 'features/dr.feature',
    feature: 'Disaster recovery <primary & standby>',
    name: `Failover keeps every acknowledged write "quoted" & <b>bold</b>`,
    tags: ['@dr', '@slow'],
    startedAt: runStartedAt + 14_000,
    steps: [
      { keyword: 'Given ', text: 'synchronous replication', status: 'PASSED', durationMs: 2000 },
      { keyword: 'When ', text: 'the primary is killed during 400 writes', status: 'PASSED', durationMs: 5000 },
      { keyword: 'Then ', text: 'no acknowledged write is lost and RTO is under 10s', status: 'PASSED', durationMs: 30 },
    ],
    evidence: drEvidence(runStartedAt + 14_100),
  },
  {
    uri: 'features/bulkhead.feature',
    feature: 'Bulkhead',
    name: 'A full bulkhead rejects at once',
    startedAt: runStartedAt + 22_000,
    steps: [
      { keyword: 'Given ', text: '10 slow orders in flight', status: 'UNDEFINED', durationMs: 0 },
      { keyword: 'Then ', text: 'the 11th is rejected with 503 within 5ms', status: 'SKIPPED', durationMs: 0 },
    ],
  },
];

/** The envelopes cucumber would emit for syntheticScenarios, in cucumber's order. */
export function syntheticEnvelopes(): Envelope[] {
  const envelopes: Envelope[] = [
    { meta: { implementation: { name: 'cucumber-js', version: '13.3.0' } } },
    { hook: { id: 'hook-after', name: 'restore the stack', type: 'AFTER_TEST_CASE' } },
  ];
  const byUri = new Map<string, ScenarioSpec[]>();
  for (const scenario of syntheticScenarios) byUri.set(scenario.uri, [...(byUri.get(scenario.uri) ?? []), scenario]);
  let n = 0;
  const id = (prefix: string) => `${prefix}-${++n}`;
  const runEvents: Envelope[] = [];
  for (const [uri, scenarios] of byUri) {
    const children = scenarios.map((scenario, index) => ({
      scenario: {
        id: `${uri}#scenario-${index}`,
        keyword: 'Scenario',
        name: scenario.name,
        steps: scenario.steps.map((step, stepIndex) => ({ id: `${uri}#${index}-${stepIndex}`, keyword: step.keyword, text: step.text })),
      },
    }));
    envelopes.push({ gherkinDocument: { uri, feature: { name: scenarios[0]?.feature ?? '', keyword: 'Feature', children } } });
    scenarios.forEach((scenario, index) => {
      const pickleId = id('pickle');
      const pickleSteps = scenario.steps.map((step, stepIndex) => ({
        id: id('pickle-step'),
        text: step.text,
        astNodeIds: [`${uri}#${index}-${stepIndex}`],
        ...(step.dataTable ? { argument: { dataTable: { rows: step.dataTable.map((row) => ({ cells: row.map((value) => ({ value })) })) } } } : {}),
      }));
      envelopes.push({ pickle: { id: pickleId, uri, name: scenario.name, steps: pickleSteps, tags: (scenario.tags ?? []).map((name) => ({ name })), astNodeIds: [`${uri}#scenario-${index}`] } });
      const testCaseId = id('test-case');
      const testSteps = [...pickleSteps.map((step) => ({ id: id('test-step'), pickleStepId: step.id })), { id: id('test-step'), hookId: 'hook-after' }];
      envelopes.push({ testCase: { id: testCaseId, pickleId, testSteps } });
      const attempts = (scenario.retriedAttempts ?? 0) + 1;
      for (let attempt = 0; attempt < attempts; attempt++) {
        const startedId = id('started');
        let clock = scenario.startedAt + attempt * 100;
        runEvents.push({ testCaseStarted: { id: startedId, testCaseId, attempt, timestamp: timestamp(clock) } });
        scenario.steps.forEach((step, stepIndex) => {
          clock += step.durationMs;
          runEvents.push({
            testStepFinished: {
              testCaseStartedId: startedId,
              testStepId: testSteps[stepIndex]?.id ?? '',
              testStepResult: { status: step.status, duration: duration(step.durationMs), ...(step.message ? { message: step.message } : {}) },
              timestamp: timestamp(clock),
            },
          });
        });
        const hookStep = testSteps[testSteps.length - 1]?.id ?? '';
        if (scenario.evidence) {
          runEvents.push({
            attachment: { body: JSON.stringify(scenario.evidence), contentEncoding: 'IDENTITY', mediaType: evidenceMediaType, testCaseStartedId: startedId, testStepId: hookStep },
          });
        }
        runEvents.push({ attachment: { body: 'not evidence', contentEncoding: 'IDENTITY', mediaType: 'text/plain', testCaseStartedId: startedId, testStepId: hookStep } });
        clock += 20;
        runEvents.push({
          testStepFinished: { testCaseStartedId: startedId, testStepId: hookStep, testStepResult: { status: 'PASSED', duration: duration(20) }, timestamp: timestamp(clock) },
        });
        runEvents.push({ testCaseFinished: { testCaseStartedId: startedId, timestamp: timestamp(clock), willBeRetried: attempt < attempts - 1 } });
      }
    });
  }
  return [
    ...envelopes,
    { testRunStarted: { timestamp: timestamp(runStartedAt) } },
    ...runEvents,
    { testRunFinished: { success: false, timestamp: timestamp(runStartedAt + 25_000) } },
  ];
}

export function syntheticNdjson(): string {
  return syntheticEnvelopes()
    .map((envelope) => JSON.stringify(envelope))
    .join('\n')
    .concat('\n');
}
