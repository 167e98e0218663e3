// The reference stack's payment gateway in the order contract's words ("charges"): each step is the
// generic scripted answer or request count of steps/upstream.steps.ts on POST /charges.
import { Given, Then } from '@cucumber/cucumber';
import { scriptedAnswerFault, statusRuns } from '../src/faults/scripted-answer-fault.js';
import { attemptsByKey } from '../src/probes/backoff-envelope.js';
import { expectAtMost, expectExactCount } from '../src/probes/expectations.js';
import { defaultRoute } from '../src/faults/gateway-control.js';
import { parseStatusList } from '../src/probes/status-list.js';
import type { FaultlineWorld } from './support/world.js';

Given('the {service} answers the next {int} charge(s) with {status}', async function (this: FaultlineWorld, service: string, count: number, status: number) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, service, defaultRoute, { status }, { next: count }));
});

Given('the {service} answers the next charges with {string}', async function (this: FaultlineWorld, service: string, statuses: string) {
  await this.ready();
  for (const run of statusRuns(parseStatusList(statuses))) await this.faults.inject(scriptedAnswerFault(this.stack, service, defaultRoute, { status: run.status }, { next: run.count }));
});

Given('the {service} answers the next charge with {status} and Retry-After {string}', async function (this: FaultlineWorld, service: string, status: number, retryAfter: string) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, service, defaultRoute, { status, retryAfter }, { next: 1 }));
});

Given('the {service} answers every charge with {status}', async function (this: FaultlineWorld, service: string, status: number) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, service, defaultRoute, { status }, { every: true }));
});

Given('the {service} answers every charge after {duration}', async function (this: FaultlineWorld, service: string, ms: number) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, service, defaultRoute, { status: 200, delayMs: ms }, { every: true }));
});

Then('the {service} received {int} charge(s)', async function (this: FaultlineWorld, service: string, count: number) {
  const charges = (await this.upstream(service).journal(defaultRoute)).requests;
  this.expect(expectExactCount(`${defaultRoute} requests received by ${service}`, charges.length, count, `keys ${charges.map((c) => c.idempotencyKey).join(', ')}`));
});

Then('the {service} received {int} charge(s) since the breaker opened', async function (this: FaultlineWorld, service: string, count: number) {
  const charges = (await this.upstream(service).journal()).requests.slice(this.journalMark).filter((entry) => entry.route === defaultRoute);
  this.expect(expectExactCount(`${defaultRoute} requests received by ${service} while the breaker was open or probing`, charges.length, count, `sequence numbers ${charges.map((c) => c.seq).join(', ')}`));
});

Then('the {service} received {int} attempt(s) for that order', async function (this: FaultlineWorld, service: string, count: number) {
  const key = this.lastOrderKey();
  const attempts = attemptsByKey((await this.upstream(service).journal()).requests).get(key) ?? [];
  this.expect(expectExactCount(`${defaultRoute} attempts at ${service} for the order`, attempts.length, count, `idempotency key ${key}`));
});

Then('the {service} never had more than {int} charges in flight', async function (this: FaultlineWorld, service: string, limit: number) {
  const journal = await this.upstream(service).journal();
  const counts = journal.routes?.[defaultRoute];
  this.expect(expectAtMost(`${defaultRoute} requests in flight at ${service} at once`, counts?.maxInFlight ?? journal.maxInFlight, limit, `${counts?.received ?? journal.requests.length} received`));
});
