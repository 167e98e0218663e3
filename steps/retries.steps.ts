import { Given, Then } from '@cucumber/cucumber';
import { scriptedAnswerFault, statusRuns } from '../src/faults/scripted-answer-fault.js';
import { attemptsByKey, retryGaps } from '../src/probes/backoff-envelope.js';
import { defaultRoute } from '../src/faults/gateway-control.js';
import { expectGapsAtLeast, expectGapsExactly, expectGapsInEnvelope, expectSpreadAcross } from '../src/probes/expectations.js';
import { expectAttemptsCarry, expectNoAttemptFromDeadline } from '../src/probes/policy-checks.js';
import { parseStatusList } from '../src/probes/status-list.js';
import type { FaultlineWorld } from './support/world.js';

Given('the payment gateway answers {string} to each of the next {int} orders', async function (this: FaultlineWorld, statuses: string, orders: number) {
  await this.ready();
  const perOrder = parseStatusList(statuses);
  const all = Array.from({ length: orders }, () => perOrder).flat();
  for (const run of statusRuns(all)) await this.faults.inject(scriptedAnswerFault(this.stack, 'payment-gateway', defaultRoute, { status: run.status }, { next: run.count }));
});

Then('every retry gap is inside the full-jitter envelope of base {duration} and cap {duration}', async function (this: FaultlineWorld, base: number, cap: number) {
  const attempts = attemptsByKey((await this.gateway.journal()).requests).get(this.lastOrderKey()) ?? [];
  const gaps = retryGaps(attempts, base, cap);
  this.evidence.retryGaps = gaps.map((gap) => ({ attempt: gap.retry + 1, gapMs: gap.gapMs, envelopeMinMs: gap.envelopeMinMs, envelopeMaxMs: gap.envelopeMaxMs }));
  this.expect(expectGapsInEnvelope(gaps));
});

Then("the gaps between that order's charge attempts are {duration} and {duration}", async function (this: FaultlineWorld, first: number, second: number) {
  const attempts = attemptsByKey((await this.gateway.journal()).requests).get(this.lastOrderKey()) ?? [];
  const gaps = retryGaps(attempts, 0, 0).map((gap) => gap.gapMs);
  this.evidence.notes.retryGapsMs = gaps.map((gap) => Number(gap.toFixed(1)));
  this.expect(expectGapsExactly(gaps, [first, second], 'gap before retry'));
});

Then('the retry came at least {duration} after the first attempt', async function (this: FaultlineWorld, ms: number) {
  const attempts = attemptsByKey((await this.gateway.journal()).requests).get(this.lastOrderKey()) ?? [];
  this.expect(expectGapsAtLeast(retryGaps(attempts, 0, 0).map((gap) => gap.gapMs), ms, 'gap before the retry'));
});

Then('the first-retry delays of those orders are spread across [0, {duration}]', async function (this: FaultlineWorld, ceiling: number) {
  const byKey = attemptsByKey((await this.gateway.journal()).requests);
  const delays = this.orderKeys.flatMap((key) => retryGaps(byKey.get(key) ?? [], 0, 0).slice(0, 1).map((gap) => gap.gapMs));
  this.evidence.notes.firstRetryDelaysMs = delays.map((delay) => Number(delay.toFixed(1)));
  this.expect(expectSpreadAcross(delays, ceiling));
});

// Every charge of the scenario, whatever key it carries: a retry that lost the key is still an attempt.
Then("each of the {int} charge attempts at the {service} carried that order's Idempotency-Key and X-Request-Id", async function (this: FaultlineWorld, count: number, service: string) {
  const attempts = (await this.upstream(service).journal(defaultRoute)).requests;
  const answer = this.sample('current').at(-1);
  this.expect(expectAttemptsCarry(attempts, { count, idempotencyKey: this.lastOrderKey(), requestId: answer?.headers['x-request-id'] }));
});

Then('no charge attempt for that order reached the {service} at or after its {duration} deadline', async function (this: FaultlineWorld, service: string, deadlineMs: number) {
  const attempts = attemptsByKey((await this.upstream(service).journal()).requests).get(this.lastOrderKey()) ?? [];
  this.expect(expectNoAttemptFromDeadline(attempts, this.sample('current').at(-1)!, deadlineMs));
});
