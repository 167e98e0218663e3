// Verdicts of the events steps: built from the checker's report and the journey, recorded whether
// they pass or not (DESIGN.md §6).
import { expectAtLeast, expectExactCount, type Verdict } from '../probes/expectations.js';
import type { ProbeResult } from '../probes/http-probe.js';
import type { DeadLetter } from './broker-client.js';
import { percentile } from '../units/stats.js';
import { upperSlackMs } from '../units/tolerance.js';
import { describeEventCheck, eventsHold, type EventCheckReport } from './event-checker.js';
import type { EventsSettled } from './event-observation.js';

export function expectEventsDelivered(outcome: { settled: EventsSettled; ms: number; ok: boolean }, withinMs: number, allowDeadLetters: boolean): Verdict {
  const { report, backlog, consumer } = outcome.settled;
  const deadLetterProblem = !allowDeadLetters && report.deadLettered > 0;
  const ok = outcome.ok && eventsHold(report) && !deadLetterProblem && report.missingOrders.length === 0;
  const pending = backlog > 0 ? `; still in flight: ${backlog} (consumer: ${consumer.pending} undelivered, ${consumer.ackPending} unacknowledged)` : '';
  return {
    label: allowDeadLetters ? 'orders shipped exactly once or dead-lettered' : 'orders shipped exactly once',
    measured: report.shippedOnce,
    unit: 'orders',
    bound: `all ${report.orders}${allowDeadLetters ? ' (less the dead-lettered)' : ''} within ${Math.round(withinMs)} ms; 0 lost, 0 duplicated, 0 unexpected`,
    ok,
    detail:
      `${describeEventCheck(report)}${pending}; ${outcome.settled.backlog === 0 ? 'settled after' : 'not settled within'} ${Math.round(outcome.ms)} ms` +
      (deadLetterProblem ? `; ${report.deadLettered} dead-lettered where none should be` : '') +
      (report.missingOrders.length > 0 ? `; ${report.missingOrders.length} acknowledged orders are not in the database` : ''),
  };
}

export function expectCallsOncePerOrder(report: EventCheckReport): Verdict {
  const counts = Object.entries(report.callsPerOrder);
  const repeated = counts.filter(([, calls]) => calls !== 1);
  const missing = report.orders - counts.length;
  return {
    label: 'shipping calls per order',
    measured: Math.max(0, ...counts.map(([, calls]) => calls)),
    unit: 'calls',
    bound: 'exactly 1 per order',
    ok: repeated.length === 0 && missing === 0,
    detail: `${report.orders} orders; ${repeated.length === 0 ? 'none called more than once' : `called ${repeated.map(([id, calls]) => `${calls}x for ${id}`).join(', ')}`}${missing > 0 ? `; ${missing} never called` : ''}`,
  };
}

/** Equal-jitter redelivery backoff: before delivery n + 1, between d/2 and d, d = min(cap, base * 2^(n-1)). */
function redeliveryEnvelope(failedDelivery: number, baseMs: number, capMs: number): { minMs: number; maxMs: number } {
  const bound = Math.min(capMs, baseMs * 2 ** (failedDelivery - 1));
  return { minMs: bound / 2, maxMs: bound };
}

export function expectRedeliveryGaps(gaps: ReadonlyArray<{ delivery: number; gapMs: number }>, baseMs: number, capMs: number, expectedGaps: number): Verdict {
  const judged = gaps.map((gap) => {
    const envelope = redeliveryEnvelope(gap.delivery, baseMs, capMs);
    const ok = gap.gapMs >= envelope.minMs - 2 && gap.gapMs <= envelope.maxMs + upperSlackMs(envelope.maxMs);
    return { ...gap, ...envelope, ok };
  });
  const outside = judged.filter((gap) => !gap.ok);
  return {
    label: 'redelivery gaps inside the backoff envelope',
    measured: judged.length - outside.length,
    unit: 'gaps',
    bound: `all ${expectedGaps} inside [d/2, d], d = min(${capMs}, ${baseMs} * 2^(n-1)) ms`,
    ok: outside.length === 0 && judged.length === expectedGaps,
    detail: `gaps after each failed delivery: ${judged.map((gap) => `#${gap.delivery} ${gap.gapMs.toFixed(0)} ms in [${gap.minMs}, ${gap.maxMs}]${gap.ok ? '' : ' OUTSIDE'}`).join('; ') || 'none'}${judged.length === expectedGaps ? '' : `; expected ${expectedGaps} gaps`}`,
  };
}

/** End-to-end latency from the order's request to its shipment, recorded (a measurement, not a bound). */
export function eventLatencyFigures(latenciesMs: readonly number[]): Verdict {
  const p50 = latenciesMs.length === 0 ? Number.NaN : percentile([...latenciesMs], 50);
  const p99 = latenciesMs.length === 0 ? Number.NaN : percentile([...latenciesMs], 99);
  return {
    label: 'order to shipment latency p(50)',
    measured: Number(p50.toFixed(1)),
    unit: 'ms',
    bound: 'recorded',
    ok: true,
    detail: `${latenciesMs.length} orders: p(50) ${p50.toFixed(1)} ms, p(99) ${p99.toFixed(1)} ms, max ${Math.max(...latenciesMs).toFixed(1)} ms`,
  };
}

/** The order was dead-lettered after exactly `deliveries` deliveries, with `errors` failed attempts recorded. */
export function deadLetterVerdicts(orderId: string, letter: DeadLetter | undefined, deliveries: number, errors: number): Verdict[] {
  const detail = letter
    ? `dead letter of order ${orderId}: ${letter.deliveries} deliveries, attempts ${letter.attempts.map((attempt) => `#${attempt.delivery} ${attempt.error}`).join('; ')}`
    : `order ${orderId} is not in the dead-letter stream`;
  return [
    expectExactCount('deliveries before dead-lettering', letter?.deliveries ?? 0, deliveries, detail),
    expectExactCount('failed attempts recorded in the dead letter', letter?.attempts.length ?? 0, errors, detail),
  ];
}

/** Orders shipped per second, from the first order placed to the last shipment, against a floor. */
export function drainRateVerdict(placed: readonly ProbeResult[], shippedOnce: number, settledMs: number, perSecond: number, workerSettings: unknown): Verdict {
  const first = Math.min(...placed.map((result) => result.startedAt));
  const last = Math.max(...placed.map((result) => result.startedAt + result.durationMs));
  const drainMs = last - first + settledMs;
  const rate = (shippedOnce * 1000) / drainMs;
  return expectAtLeast(
    'orders shipped per second, from the first order to the last shipment',
    Number(rate.toFixed(1)),
    perSecond,
    `${shippedOnce} orders in ${drainMs.toFixed(0)} ms (placing took ${(last - first).toFixed(0)} ms, the rest ${settledMs} ms); worker settings ${JSON.stringify(workerSettings)}`,
  );
}
