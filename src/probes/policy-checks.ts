// Checks of what the order contract promises about its policies and that a status code alone does
// not show: what a replay causes upstream, the headers every attempt carries, when attempts start
// against the deadline, the Retry-After of every 503 and 429.
import type { JournalEntry } from '../faults/gateway-control.js';
import type { ProbeResult } from './http-probe.js';
import type { Verdict } from './expectations.js';

/** A replay answers like the first answer: 201, the same order, marked `Idempotent-Replayed: true`. */
export function expectReplayOf(first: ProbeResult, replay: ProbeResult): Verdict {
  const idOf = (result: ProbeResult) => {
    try {
      return (JSON.parse(result.body) as { id?: unknown }).id;
    } catch {
      return undefined;
    }
  };
  const problems = [
    ...(first.status === 201 ? [] : [`the first answer was ${first.status ?? first.error}, not 201`]),
    ...(replay.status === 201 ? [] : [`the replay answered ${replay.status ?? replay.error}, not 201`]),
    ...(idOf(replay) !== undefined && idOf(replay) === idOf(first) ? [] : [`the replay's order id ${String(idOf(replay))} is not the first's ${String(idOf(first))}`]),
    ...(replay.headers['idempotent-replayed'] === 'true' ? [] : [`Idempotent-Replayed is ${replay.headers['idempotent-replayed'] ?? '(none)'}`]),
  ];
  return {
    label: 'replay answered with the stored order',
    measured: problems.length,
    unit: 'problems',
    bound: '201, same order id, Idempotent-Replayed: true',
    ok: problems.length === 0,
    detail: problems.join('; ') || 'the same order, marked as a replay',
  };
}

/**
 * Every attempt of one call carries the call's idempotency key and request id: a retry under another
 * key (or none) is a second charge to the gateway, and one under another request id cannot be traced.
 */
export function expectAttemptsCarry(attempts: readonly JournalEntry[], expected: { readonly count: number; readonly idempotencyKey: string; readonly requestId: string | undefined }): Verdict {
  const problems = attempts.flatMap((attempt, index) => [
    ...(attempt.idempotencyKey === expected.idempotencyKey ? [] : [`attempt ${index + 1}: Idempotency-Key ${attempt.idempotencyKey ?? '(none)'}`]),
    ...(expected.requestId !== undefined && attempt.requestId === expected.requestId ? [] : [`attempt ${index + 1}: X-Request-Id ${attempt.requestId ?? '(none)'}`]),
  ]);
  if (attempts.length !== expected.count) problems.unshift(`${attempts.length} attempts instead of ${expected.count}`);
  return {
    label: 'attempts carrying the call\'s Idempotency-Key and X-Request-Id',
    measured: attempts.length - new Set(problems.map((problem) => problem.split(':')[0])).size,
    unit: 'attempts',
    bound: `all ${expected.count} with Idempotency-Key ${expected.idempotencyKey} and X-Request-Id ${expected.requestId ?? '(the answer had none)'}`,
    ok: problems.length === 0,
    detail: problems.join('; ') || 'every attempt carried both',
  };
}

/**
 * No attempt reached the upstream at or after the deadline, counted from the moment the client sent
 * the request. The service starts its deadline later than that (after reading the request), so an
 * attempt it starts at its deadline arrives after this instant: the check cannot pass a late attempt.
 * It has no tolerance: it orders two instants, it does not measure a duration.
 */
export function expectNoAttemptFromDeadline(attempts: readonly JournalEntry[], request: ProbeResult, deadlineMs: number): Verdict {
  const deadline = request.startedAt + deadlineMs;
  const offsets = attempts.map((attempt) => attempt.arrivedAt - request.startedAt);
  const late = offsets.filter((offset) => offset >= deadlineMs);
  const last = offsets.length === 0 ? 0 : Math.max(...offsets);
  return {
    label: 'latest attempt start after the request was sent',
    measured: Number(last.toFixed(1)),
    unit: 'ms',
    bound: `< ${deadlineMs} ms (the deadline), every attempt`,
    ok: attempts.length > 0 && late.length === 0,
    detail:
      attempts.length === 0
        ? 'no attempt reached the upstream'
        : `attempts arrived ${offsets.map((offset) => `${offset.toFixed(1)} ms`).join(', ')} after the request was sent (deadline at ${new Date(deadline).toISOString()})${late.length ? `; ${late.length} at or after the ${deadlineMs} ms deadline` : ''}`,
  };
}

/** Every 503 and 429 carries Retry-After in whole seconds, at least 1 (the contract's Errors section). */
export function expectRetryAfterOnEvery(answers: readonly ProbeResult[]): Verdict {
  const concerned = answers.filter((answer) => answer.status === 503 || answer.status === 429);
  const missing = concerned.filter((answer) => {
    const value = Number(answer.headers['retry-after']);
    return !(Number.isInteger(value) && value >= 1);
  });
  const typeOf = (answer: ProbeResult) => /"type"\s*:\s*"([^"]+)"/.exec(answer.body)?.[1] ?? 'no problem type';
  return {
    label: '503 and 429 answers with Retry-After',
    measured: concerned.length - missing.length,
    unit: 'answers',
    bound: `all ${concerned.length} with Retry-After >= 1 s`,
    ok: concerned.length > 0 && missing.length === 0,
    detail:
      concerned.length === 0
        ? 'the scenario got no 503 or 429 answer to look at'
        : `${missing.length} of ${concerned.length} without a valid Retry-After: ${missing.slice(0, 5).map((answer) => `${answer.method} ${answer.path} -> ${answer.status} ${typeOf(answer)}, Retry-After ${answer.headers['retry-after'] ?? '(none)'}`).join('; ') || 'none'}`,
  };
}

/** Every answer carries exactly this Retry-After (whole seconds). */
export function expectRetryAfterExactly(answers: readonly ProbeResult[], seconds: number): Verdict {
  const values = answers.map((answer) => answer.headers['retry-after'] ?? '(none)');
  return {
    label: 'Retry-After',
    measured: answers.filter((answer) => answer.headers['retry-after'] === String(seconds)).length,
    unit: 'answers',
    bound: `all ${answers.length} with Retry-After ${seconds}`,
    ok: answers.length > 0 && values.every((value) => value === String(seconds)),
    detail: `Retry-After values: ${values.join(', ') || 'no answers'}; expected ${seconds} on every one`,
  };
}
