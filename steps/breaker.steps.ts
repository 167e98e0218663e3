import { Given, Then, When } from '@cucumber/cucumber';
import { scriptedAnswerFault } from '../src/faults/scripted-answer-fault.js';
import { openBreaker } from '../src/probes/breaker-driver.js';
import { defaultRoute } from '../src/faults/gateway-control.js';
import { waitUntilInstant } from '../src/units/clock.js';
import { expectExactCount } from '../src/probes/expectations.js';
import { breakerStateName, counterDelta, metricInRange, rangeText, type BreakerStateName, type CountRange } from '../src/probes/service-metrics.js';
import { eventually } from '../src/units/eventually.js';
import { withinMs } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';

Given('the payment circuit breaker has been opened by {int} failures', async function (this: FaultlineWorld, failures: number) {
  await this.ready();
  const opened = await openBreaker(this.gateway, this.serviceUrl, this.metricsUrl, {
    failures,
    apiKey: this.apiKey,
    scriptFailures: (count) => this.faults.inject(scriptedAnswerFault(this.stack, 'payment-gateway', defaultRoute, { status: 500 }, { next: count })),
  });
  this.breakerOpenedAt = opened.openedAt;
  this.journalMark = opened.journalMark;
});

When("the breaker's open period has passed", async function (this: FaultlineWorld) {
  if (this.breakerOpenedAt === undefined) throw new FaultlineError('FL_MISSING_STEP', 'no step of this scenario opened the breaker');
  await waitUntilInstant(this.breakerOpenedAt + this.serviceSetting('BREAKER_OPEN_MS', 5000) + 20);
});

Then('the breaker state in \\/metrics is {word}', async function (this: FaultlineWorld, state: BreakerStateName) {
  const seen = breakerStateName(await this.scrapeMetrics());
  // A breaker opened by a fault (not by the opening step) is timed from here: no earlier than it
  // opened, so waiting out the open period from this instant always outlasts it.
  if (seen === 'open' && this.breakerOpenedAt === undefined) this.breakerOpenedAt = Date.now();
  this.expect({ label: 'payment_breaker_state', measured: Number(seen === state), unit: 'match', bound: state, ok: seen === state, detail: `the breaker is ${seen}, expected ${state}` });
});

Then(
  '\\/metrics counted these breaker transitions: open {int}, half_open {int}, closed {int}',
  async function (this: FaultlineWorld, open: number, halfOpen: number, closed: number) {
    const now = await this.scrapeMetrics();
    for (const [state, expected] of [['open', open], ['half_open', halfOpen], ['closed', closed]] as const) {
      const delta = counterDelta(this.metricsAtStart, now, 'payment_breaker_transitions_total', { state });
      this.expect(expectExactCount(`breaker transitions to ${state}`, delta, expected, 'payment_breaker_transitions_total since the scenario started'));
    }
  },
);

// Any counter of the service's /metrics, counted from the scenario's start: summed over its labels,
// or only the samples with one label's value.
Then('\\/metrics counted {int} more {word}', async function (this: FaultlineWorld, count: number, name: string) {
  const delta = counterDelta(this.metricsAtStart, await this.scrapeMetrics(), name);
  this.expect(expectExactCount(`${name} since the scenario started`, delta, count, `from /metrics at the scenario's start and now`));
});

// A series of the service's /metrics as it reads now (a gauge, or a counter of this process's life),
// summed over its labels or only the samples with one label's value; "within" reads until it holds.
Then('\\/metrics shows {word} {range}', async function (this: FaultlineWorld, name: string, range: CountRange) {
  this.expect(metricInRange(name, {}, range, await this.scrapeMetrics()));
});

Then('\\/metrics shows {word} with {word} {string} {range}', async function (this: FaultlineWorld, name: string, label: string, value: string, range: CountRange) {
  this.expect(metricInRange(name, { [label]: value }, range, await this.scrapeMetrics()));
});

Then('\\/metrics shows {word} with {word} {string} {range} within {duration}', async function (this: FaultlineWorld, name: string, label: string, value: string, range: CountRange, ms: number) {
  const labels = { [label]: value };
  const started = performance.now();
  const samples = await eventually(() => this.scrapeMetrics(), (read) => metricInRange(name, labels, range, read).ok, { expected: `${name} ${rangeText(range)}`, withinMs: withinMs(ms), intervalMs: 50 })
    .then(({ value: read }) => read)
    .catch(() => this.scrapeMetrics());
  const elapsedMs = performance.now() - started;
  const verdict = metricInRange(name, labels, range, samples);
  this.expect({ ...verdict, detail: `${verdict.detail}, after ${Math.round(elapsedMs)} ms (bound ${ms} ms)` });
});

Then('\\/metrics counted {int} more {word} with {word} {string}', async function (this: FaultlineWorld, count: number, name: string, label: string, value: string) {
  const delta = counterDelta(this.metricsAtStart, await this.scrapeMetrics(), name, { [label]: value });
  this.expect(expectExactCount(`${name}{${label}="${value}"} since the scenario started`, delta, count, `from /metrics at the scenario's start and now`));
});
