// Source mutants of the order service that cannot change what it does, each with the reason: they are
// explained in the mutation score's summary and left out of the score (StrykerJS's "ignored"). A
// mutant is named by its module, its mutator, the code it replaces and the code it puts there, not by
// its id, which moves whenever the module changes. Keep each reason checkable against the code.
export interface EquivalentMutant {
  readonly module: string;
  readonly mutator: string;
  /** The code the mutant replaces, as written (whitespace runs count as one space). */
  readonly written: string;
  /** What the mutant puts in its place, as the instrumenter prints it. */
  readonly mutated: string;
  readonly reason: string;
}

const retryAfterOnlyOnStatusErrors =
  'the retry policy retries errors only (handleWhen(isRetryable)), so the context always holds an error; of the retryable errors (UpstreamStatusError, UpstreamConnectionError, AttemptTimeoutError) only UpstreamStatusError has a retryAfterMs, so reading it from any of them gives the same undefined';

export const equivalentMutants: readonly EquivalentMutant[] = [
  {
    module: 'payment-circuit-breaker.ts',
    mutator: 'ConditionalExpression',
    written: 'name === undefined',
    mutated: 'false',
    reason: 'STATE_NAMES names every state cockatiel reports but Isolated, and nothing isolates this breaker (no call to isolate()), so name is never undefined',
  },
  {
    module: 'payment-circuit-breaker.ts',
    mutator: 'ConditionalExpression',
    written: "name === 'open'",
    mutated: 'true',
    reason:
      "the opening time is read only while the circuit is open: by the gate's refusal, and on a BrokenCircuitError, which reaches this code only while open (in half-open the gate lets no caller through to cockatiel but the probe); the last transition was then the one to open, so setting the time on the other transitions too changes no value that is read",
  },
  {
    module: 'retry-backoff.ts',
    mutator: 'ConditionalExpression',
    written: "'error' in context.result && context.result.error instanceof UpstreamStatusError",
    mutated: 'true',
    reason: retryAfterOnlyOnStatusErrors,
  },
  {
    module: 'retry-backoff.ts',
    mutator: 'LogicalOperator',
    written: "'error' in context.result && context.result.error instanceof UpstreamStatusError",
    mutated: "'error' in context.result || context.result.error instanceof UpstreamStatusError",
    reason: retryAfterOnlyOnStatusErrors,
  },
  {
    module: 'retry-backoff.ts',
    mutator: 'EqualityOperator',
    written: 'wait >= remaining',
    mutated: 'wait > remaining',
    reason:
      'the two differ only when the wait equals the time left to the deadline exactly; the wait is whole milliseconds (a Retry-After in seconds, or the backoff) and the time left is read from performance.now() with microseconds, so they are never equal, and at equality both fail the call at once or end the wait at the deadline, where it answers 504 before another attempt',
  },
];

const squashed = (code: string) => code.replace(/\s+/g, ' ').trim();

/** The reason a mutant is equivalent, if it is one of those above. */
export function equivalenceOf(module: string, mutator: string, written: string, mutated: string): string | undefined {
  return equivalentMutants.find((entry) => entry.module === module && entry.mutator === mutator && squashed(entry.written) === squashed(written) && squashed(entry.mutated) === squashed(mutated))?.reason;
}
