import { Then, When, type DataTable } from '@cucumber/cucumber';
import { checkThreshold, phaseEvidence } from '../src/load/load-phase.js';
import { loadRequest } from '../src/load/load-request.js';
import { runPacedLoad } from '../src/load/paced-load.js';
import { measureRecovery } from '../src/load/recovery.js';
import type { FaultlineWorld } from './support/world.js';

async function loadPhase(world: FaultlineWorld, phase: string, rate: number, durationMs: number, method: string, path: string): Promise<void> {
  await world.ready();
  const result = await runPacedLoad({ baseUrl: world.serviceUrl, request: () => loadRequest(method, path, world.apiKey), ratePerS: rate, durationS: durationMs / 1000 });
  world.loadPhases.set(phase, result);
  (world.evidence.loadPhases ??= []).push(phaseEvidence(phase, result));
}

When('a load of {int} requests\\/s runs for {duration} against {word} {word}', async function (this: FaultlineWorld, rate: number, ms: number, method: string, path: string) {
  await loadPhase(this, 'load', rate, ms, method, path);
});

When('the {word} phase runs {int} requests\\/s for {duration} against {word} {word}', async function (this: FaultlineWorld, phase: string, rate: number, ms: number, method: string, path: string) {
  await loadPhase(this, phase, rate, ms, method, path);
});

Then('{string} holds during the {word} phase', function (this: FaultlineWorld, expression: string, phase: string) {
  this.expect(checkThreshold(expression, this.loadPhase(phase), phase));
});

Then('these thresholds hold during the {word} phase:', function (this: FaultlineWorld, phase: string, table: DataTable) {
  const verdicts = table.raw().map(([expression]) => checkThreshold(expression!, this.loadPhase(phase), phase));
  for (const verdict of verdicts) this.evidence.measurements.push(verdict);
  const failed = verdicts.filter((verdict) => !verdict.ok);
  if (failed.length > 0) throw new Error(failed.map((verdict) => verdict.detail).join('\n'));
});

Then('p\\(99) latency is back under {duration} within {duration} of the fault ending', async function (this: FaultlineWorld, slo: number, within: number) {
  await this.ready();
  const recovery = await measureRecovery(this.serviceUrl, this.apiKey, slo, within);
  (this.evidence.loadPhases ??= []).push(...recovery.windows.map((window, index) => phaseEvidence(`recovery ${index + 1}`, window)));
  this.expect(recovery.verdict);
});
