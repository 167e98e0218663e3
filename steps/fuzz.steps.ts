import { Then, When } from '@cucumber/cucumber';
import { endpointProperties } from '../src/fuzz/endpoint-properties.js';
import { checkIdempotency, idempotencySequence } from '../src/fuzz/idempotency-property.js';
import { orderCommands, runOrderModel } from '../src/fuzz/order-model.js';
import { runProperty, runsPerSecondLabel, type FuzzOutcome } from '../src/fuzz/property-runner.js';
import { expectExactCount } from '../src/probes/expectations.js';
import { probe } from '../src/probes/http-probe.js';
import { metricValue } from '../src/probes/prometheus-text.js';
import type { FaultlineWorld } from './support/world.js';

type PropertyName = keyof typeof endpointProperties;

async function record(world: FaultlineWorld, outcome: FuzzOutcome): Promise<void> {
  (world.evidence.fuzzRuns ??= []).push(outcome.evidence);
  world.fuzzOutcomes.push(outcome);
  world.log(outcome.message);
}

When('{int} generated inputs are sent as {string}', async function (this: FaultlineWorld, runs: number, name: string) {
  await this.ready();
  const property = endpointProperties[name as PropertyName];
  if (!property) throw new Error(`"${name}" is not a fuzzed input; known: ${Object.keys(endpointProperties).join(', ')}`);
  this.containerIdBefore = this.sut.container.getId();
  const target = { baseUrl: this.serviceUrl, apiKey: this.apiKey };
  await record(this, await runProperty(property.arbitrary as never, property.check(target) as never, { name, numRuns: runs, scenario: this.scenarioName }));
});

When('{int} generated sequences of orders with repeated idempotency keys are sent', async function (this: FaultlineWorld, runs: number) {
  await this.ready();
  this.containerIdBefore = this.sut.container.getId();
  const target = { baseUrl: this.serviceUrl, apiKey: this.apiKey };
  await record(this, await runProperty(idempotencySequence, checkIdempotency(target), { name: 'one order per idempotency key', numRuns: runs, scenario: this.scenarioName }));
});

Then('every generated input was answered as the contract says', function (this: FaultlineWorld) {
  const failed = this.fuzzOutcomes.filter((outcome) => outcome.failed);
  this.evidence.measurements.push(...this.fuzzOutcomes.map((outcome) => ({
    label: runsPerSecondLabel(outcome.evidence.property), measured: outcome.runsPerSecond, unit: 'runs/s', bound: `${outcome.evidence.runs} runs`, ok: !outcome.failed,
  })));
  if (failed.length > 0) throw new Error(failed.map((outcome) => outcome.message).join('\n'));
});

Then('the order service is still live and was not restarted', async function (this: FaultlineWorld) {
  const live = await probe(this.serviceUrl, { path: '/health/live', timeoutMs: 2_000 });
  this.expect(expectExactCount('GET /health/live status', live.status ?? 0, 200, 'after the generated inputs'));
  const running = await this.sut.isRunning();
  const sameContainer = this.sut.container.getId() === this.containerIdBefore;
  this.expect(expectExactCount('order service running in the same container', Number(running && sameContainer), 1, `running ${running}, same container ${sameContainer}`));
});

Then('its memory grew by less than {int}% over the run', async function (this: FaultlineWorld, percent: number) {
  const before = metricValue(this.metricsAtStart, 'process_resident_memory_bytes');
  const after = metricValue(await this.scrapeMetrics(), 'process_resident_memory_bytes');
  const growth = before > 0 ? ((after - before) / before) * 100 : Number.NaN;
  this.expect({ label: 'resident memory growth over the fuzz run', measured: Number(growth.toFixed(1)), unit: '%', bound: `< ${percent}%`, ok: growth < percent, detail: `resident memory ${Math.round(before / 1e6)} MB before, ${Math.round(after / 1e6)} MB after (${growth.toFixed(1)}%)` });
});

When('{int} generated fault schedules run against the order lifecycle', async function (this: FaultlineWorld, runs: number) {
  await this.ready();
  const topology = this.stack.topology;
  const base = {
    serviceUrl: this.serviceUrl,
    apiKey: this.apiKey,
    toxiproxy: topology.toxiproxy,
    proxy: (link: string) => topology.proxy(link),
    gateway: this.gateway,
    answerBoundMs: 4_000,
  };
  await record(this, await runProperty(orderCommands, (commands) => runOrderModel(commands, base), { name: 'order lifecycle under fault schedules', numRuns: runs, scenario: this.scenarioName }));
});
