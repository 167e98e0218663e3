// Generic steps for any scriptable upstream of the configuration (dependencies[] with a control
// API, e.g. scriptableUpstream()): scripted answers per route, requests counted per route, and the
// gaps between attempts. Scripted answers are faults: they go through the scenario's fault ledger.
import { Given, Then } from '@cucumber/cucumber';
import { scriptedAnswerFault, type ScriptedAnswer } from '../src/faults/scripted-answer-fault.js';
import { attemptsByKey, retryGaps } from '../src/probes/backoff-envelope.js';
import { expectAtMost, expectExactCount, expectGapsAtLeast, expectGapsInEnvelope } from '../src/probes/expectations.js';
import type { Selection } from '../src/faults/gateway-control.js';
import type { FaultlineWorld } from './support/world.js';

Given('the {service} upstream answers {route} with {answer} {selection}', async function (this: FaultlineWorld, upstream: string, route: string, answer: ScriptedAnswer, when: Selection) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, upstream, route, answer, when));
});

Given('the {service} upstream hangs {selection} to {route}', async function (this: FaultlineWorld, upstream: string, when: Selection, route: string) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, upstream, route, { status: 200, hang: true }, when));
});

Given('the {service} upstream closes the connection mid-body {selection} to {route}', async function (this: FaultlineWorld, upstream: string, when: Selection, route: string) {
  await this.ready();
  await this.faults.inject(scriptedAnswerFault(this.stack, upstream, route, { status: 200, closeMidBody: true }, when));
});

Then('the {service} upstream received exactly {int} {route} request(s)', async function (this: FaultlineWorld, upstream: string, count: number, route: string) {
  const { requests } = await this.upstream(upstream).journal(route);
  this.expect(expectExactCount(`${route} requests received by ${upstream}`, requests.length, count, `sequence numbers ${requests.map((entry) => entry.seq).join(', ') || 'none'}`));
});

Then('the {service} upstream never had more than {int} {route} requests in flight', async function (this: FaultlineWorld, upstream: string, limit: number, route: string) {
  const counts = (await this.upstream(upstream).journal(route)).routes?.[route] ?? { received: 0, maxInFlight: 0 };
  this.expect(expectAtMost(`${route} requests in flight at ${upstream} at once`, counts.maxInFlight, limit, `${counts.received} received`));
});

Then('the {service} upstream had {int} {route} requests in flight at once', async function (this: FaultlineWorld, upstream: string, count: number, route: string) {
  const counts = (await this.upstream(upstream).journal(route)).routes?.[route] ?? { received: 0, maxInFlight: 0 };
  this.expect(expectExactCount(`most ${route} requests in flight at ${upstream} at once`, counts.maxInFlight, count, `${counts.received} received`));
});

Then('every gap between {route} attempts at the {service} upstream is inside the full-jitter envelope of base {duration} and cap {duration}', async function (this: FaultlineWorld, route: string, upstream: string, base: number, cap: number) {
  const groups = [...attemptsByKey((await this.upstream(upstream).journal(route)).requests, route).values()];
  const gaps = groups.flatMap((attempts) => retryGaps(attempts, base, cap));
  this.evidence.retryGaps = gaps.map((gap) => ({ attempt: gap.retry + 1, gapMs: gap.gapMs, envelopeMinMs: gap.envelopeMinMs, envelopeMaxMs: gap.envelopeMaxMs }));
  this.expect(expectGapsInEnvelope(gaps));
});

Then('the {route} attempts at the {service} upstream came at least {duration} apart', async function (this: FaultlineWorld, route: string, upstream: string, ms: number) {
  const groups = [...attemptsByKey((await this.upstream(upstream).journal(route)).requests, route).values()];
  this.expect(expectGapsAtLeast(groups.flatMap((attempts) => retryGaps(attempts, 0, 0).map((gap) => gap.gapMs)), ms, `gap between ${route} attempts`));
});
