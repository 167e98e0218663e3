import { After, Then, When } from '@cucumber/cucumber';
import { expectAllStatus, expectExactCount } from '../src/probes/expectations.js';
import { probe, resetProbeConnections } from '../src/probes/http-probe.js';
import { putInFlight } from '../src/probes/in-flight.js';
import { placeOrdersConcurrently } from '../src/probes/orders.js';
import { timeUntil } from '../src/probes/time-until.js';
import { ProcessSignalFault } from '../src/faults/process-signal-fault.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';
import { sendLateRequest } from '../src/probes/late-request.js';
import { sampleOrder } from '../src/probes/orders.js';
import type { ProbeResult } from '../src/probes/http-probe.js';
import { randomUUID } from 'node:crypto';
import type { DataTable } from '@cucumber/cucumber';
import { healthDocumentProblems, parseHealthExpectation, reportsExpectedStatuses } from '../src/probes/health-document.js';
import { eventually } from '../src/units/eventually.js';
import { withinMs } from '../src/units/tolerance.js';

/** The order of "an order starts arriving ...", per scenario. */
const lateOrders = new WeakMap<FaultlineWorld, Promise<ProbeResult>>();

/** How long after the grace period's end the late order's headers are finished. */
const afterGraceMs = 250;

Then('GET {word} answers {status}', async function (this: FaultlineWorld, path: string, status: number) {
  await this.ready();
  const result = await probe(this.serviceUrl, { path, timeoutMs: 5_000 });
  this.recordRequests(`GET ${path}`, [result]);
  this.expect(expectAllStatus([result], [status], `GET ${path}`));
});

Then('GET {word} answers {status} within {duration}', async function (this: FaultlineWorld, path: string, status: number, ms: number) {
  await this.ready();
  const { value, verdict } = await timeUntil(
    `time until GET ${path} answers ${status}`,
    () => probe(this.serviceUrl, { path, timeoutMs: 1_000 }),
    (result) => result.status === status,
    { expected: `GET ${path} to answer ${status}`, boundMs: ms, slackMs: 50, intervalMs: 10 },
  );
  this.recordRequests(`GET ${path}`, [value]);
  this.expect(verdict);
});

/** A restart the scenario goes on during, per scenario: the After hook below waits for it to end. */
const restarts = new WeakMap<FaultlineWorld, Promise<void>>();

// What a balancer or an orchestrator sees while a service starts: the steps after this one run while
// it is still starting and warming up (the restart itself waits for it to be ready, in the background).
When('the {service} is restarted without waiting for it to be ready', async function (this: FaultlineWorld, service: string) {
  await this.ready();
  const restart = this.stack.restartContainer(service);
  restart.catch(() => undefined);
  restarts.set(this, restart);
  resetProbeConnections();
});

// Defined after the common After, so it runs before it: the restart has ended (ready, or failed) before the reset.
After({ timeout: withinMs(60_000) }, async function (this: FaultlineWorld) {
  const restart = restarts.get(this);
  if (!restart) return;
  restarts.delete(this);
  try {
    await restart;
  } catch (error) {
    console.log(`faultline: the restart of the scenario "${this.scenarioName}" did not end ready: ${(error as Error).message.split('\n')[0]}`);
  }
});

// The health answer as a document (application/health+json): waits until it reports the statuses
// of the table, then checks all of it, with the answer it waited for (or the last one) as evidence.
Then('GET {word} answers this health document within {duration}:', async function (this: FaultlineWorld, path: string, ms: number, table: DataTable) {
  const expected = parseHealthExpectation(table.rowsHash());
  if (typeof expected === 'string') throw new FaultlineError('FL_BAD_INPUT', `the health document table of "GET ${path} answers this health document": ${expected}`);
  await this.ready();
  const read = () => probe(this.serviceUrl, { path, timeoutMs: 1_000 });
  const started = performance.now();
  let inTime = true;
  const answer = await eventually(read, (result) => reportsExpectedStatuses(result, expected), { expected: `GET ${path} to report ${expected.status}`, withinMs: withinMs(ms), intervalMs: 20 })
    .then(({ value }) => value)
    .catch(() => {
      inTime = false;
      return read();
    });
  const elapsedMs = performance.now() - started;
  this.recordRequests(`GET ${path}`, [answer]);
  const problems = [...(inTime ? [] : [`not the statuses of the table within ${ms} ms`]), ...healthDocumentProblems(answer, expected)];
  this.expect({
    label: `GET ${path} as a health document`,
    measured: problems.length,
    unit: 'problems',
    bound: `0, reporting ${expected.status} within ${ms} ms`,
    ok: problems.length === 0,
    detail: `${problems.length === 0 ? `reported ${expected.status}` : problems.join('; ')} after ${elapsedMs.toFixed(0)} ms; answer ${answer.status ?? answer.error}: ${answer.body.slice(0, 400)}`,
  });
});

// "requests are in flight" of steps/shutdown.steps.ts, with orders.
When('{int} orders are in flight', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  const inFlight = await putInFlight(this.stack, count, { start: () => placeOrdersConcurrently(this.serviceUrl, count, { apiKey: this.apiKey, timeoutMs: 10_000 }) });
  this.inFlight = inFlight.results;
  this.evidence.notes.inFlightHeldAt = inFlight.heldAt.join('; ');
});

When('the {service} receives SIGTERM', async function (this: FaultlineWorld, service: string) {
  await this.ready();
  await this.faults.inject(new ProcessSignalFault(this.stack.topology.service(service), 'SIGTERM', this.stack.restartAfterSignal(service)));
  this.evidence.notes.sigtermAt = Date.now();
});

Then('every in-flight order succeeded', async function (this: FaultlineWorld) {
  if (!this.inFlight) throw new FaultlineError('FL_MISSING_STEP', 'no orders were put in flight in this scenario');
  const results = await this.inFlight;
  this.setSample('in-flight', results);
  this.expect(expectAllStatus(results, [201], 'in-flight orders completed with 201 (no reset, no error)'));
});

Then('the {service} exits with code {int}', async function (this: FaultlineWorld, service: string, code: number) {
  const exitCode = await this.stack.topology.service(service).waitForExit();
  this.expect(expectExactCount(`exit code of ${service}`, exitCode, code, 'after SIGTERM'));
});

Then('no order got an answer', function (this: FaultlineWorld) {
  const answered = this.sample('current').filter((result) => result.error === undefined);
  this.expect(expectExactCount('orders that got a complete answer', answered.length, 0, this.sample('current').map((r) => r.error ?? r.status).join(', ')));
});

Then('the {service} had {int} charges in flight at once', async function (this: FaultlineWorld, service: string, count: number) {
  const journal = await this.upstream(service).journal();
  this.expect(expectExactCount(`most charges in flight at ${service} at once`, journal.maxInFlight, count, `${journal.requests.length} charges`));
});

// The connection opens now, during the grace period; the request is complete only after it, when
// the service no longer serves: the contract's answer is 503 shedding on that open connection.
When('an order starts arriving that is complete only after the grace period', async function (this: FaultlineWorld) {
  const sigtermAt = this.evidence.notes.sigtermAt;
  if (typeof sigtermAt !== 'number') throw new FaultlineError('FL_MISSING_STEP', 'no SIGTERM was sent in this scenario; add "When the order service receives SIGTERM" before this step');
  const completeAt = sigtermAt + this.serviceSetting('SHUTDOWN_GRACE_MS', 1000) + afterGraceMs;
  const body = JSON.stringify(sampleOrder());
  lateOrders.set(this, sendLateRequest(this.serviceUrl, { method: 'POST', path: '/orders', headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey, 'idempotency-key': randomUUID() }, body }, completeAt));
});

Then('the order that arrived after the grace period was shed with 503', async function (this: FaultlineWorld) {
  const pending = lateOrders.get(this);
  if (!pending) throw new FaultlineError('FL_MISSING_STEP', 'no order was started before the end of the grace period; add "When an order starts arriving that is complete only after the grace period"');
  const result = await pending;
  this.recordRequests('order after the grace period', [result]);
  this.expect(expectAllStatus([result], [503], `an order complete ${afterGraceMs} ms after the grace period (body ${result.body.slice(0, 120) || 'none'})`));
});
