// Bearer tokens against the order service: who may read an order, and which tokens are refused.
import { Given, Then, When, type DataTable } from '@cucumber/cucumber';
import { authServiceSettings } from '../src/auth/auth-settings.js';
import { judgeAnswer, parseExpectedBody, placeOrderWith, readOrderWith } from '../src/auth/auth-requests.js';
import { bearerHeader, parseCaller } from '../src/auth/caller.js';
import { checkHostileToken, hostileToken } from '../src/auth/hostile-tokens.js';
import { runProperty } from '../src/fuzz/property-runner.js';
import type { ProbeResult } from '../src/probes/http-probe.js';
import type { FaultlineWorld } from './support/world.js';

interface AuthState {
  orderId?: string;
  readonly answers: Map<string, ProbeResult>;
}

const states = new WeakMap<FaultlineWorld, AuthState>();

function state(world: FaultlineWorld): AuthState {
  let current = states.get(world);
  if (!current) states.set(world, (current = { answers: new Map() }));
  return current;
}

function orderOf(world: FaultlineWorld): string {
  const orderId = state(world).orderId;
  if (orderId === undefined) throw new Error('no order was placed with a bearer token in this scenario (Given an order placed by user "...")');
  return orderId;
}

async function placeAs(world: FaultlineWorld, phrase: string): Promise<string> {
  const result = await placeOrderWith(world.serviceUrl, await bearerHeader(parseCaller(phrase)));
  world.recordRequests(`order placed by ${phrase}`, [result]);
  if (result.orderId === undefined) throw new Error(`${phrase} could not place an order: ${result.status ?? result.error} ${result.body.slice(0, 300)}`);
  return (state(world).orderId = result.orderId);
}

Given('the {service} accepts bearer tokens with a leeway of {duration}', async function (this: FaultlineWorld, service: string, ms: number) {
  this.configureService(service, await authServiceSettings({ leewaySeconds: Math.round(ms / 1000) }));
});

Given('an order placed by user {string}', async function (this: FaultlineWorld, user: string) {
  await this.ready();
  await placeAs(this, `user "${user}"`);
});

When('these callers read that order:', async function (this: FaultlineWorld, table: DataTable) {
  await this.ready();
  const orderId = orderOf(this);
  for (const [phrase = ''] of table.rows()) {
    const result = await readOrderWith(this.serviceUrl, orderId, await bearerHeader(parseCaller(phrase)));
    state(this).answers.set(phrase.trim(), result);
    this.recordRequests(`read by ${phrase.trim()}`, [result]);
  }
});

Then('they were answered:', function (this: FaultlineWorld, table: DataTable) {
  const orderId = orderOf(this);
  const verdicts = table.hashes().map((row) =>
    judgeAnswer(row['caller'] ?? '', state(this).answers.get((row['caller'] ?? '').trim()), { status: Number(row['status']), body: parseExpectedBody(row['body'] ?? '') }, orderId),
  );
  this.evidence.measurements.push(...verdicts);
  const failed = verdicts.filter((verdict) => !verdict.ok);
  if (failed.length > 0) throw new Error(failed.map((verdict) => verdict.detail).join('\n'));
});

When('{int} generated hostile bearer tokens are sent', async function (this: FaultlineWorld, runs: number) {
  await this.ready();
  this.containerIdBefore = this.sut.container.getId();
  const target = { baseUrl: this.serviceUrl, orderId: await placeAs(this, 'user "token-owner"'), leewaySeconds: this.serviceSetting('JWT_LEEWAY_SECONDS', 30) };
  const outcome = await runProperty(hostileToken(), checkHostileToken(target), { name: 'hostile bearer tokens', numRuns: runs, scenario: this.scenarioName });
  (this.evidence.fuzzRuns ??= []).push(outcome.evidence);
  this.fuzzOutcomes.push(outcome);
  this.log(outcome.message);
});
