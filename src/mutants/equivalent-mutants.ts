// Source mutants of the order service left out of the mutation score, each with its reason: those
// that cannot change what the service does (equivalent), and those in planted-defect code that the
// name rule of source-mutants.ts cannot see (the branches of a multi-line expression whose condition
// names the defect). They are listed in the score's summary and not scored, as StrykerJS leaves out
// ignored mutants. A mutant is named by its module, its mutator, the code it replaces and the code it
// puts there (and, where that code is common, a piece of its line), not by its id, which moves
// whenever the module changes. Keep each reason checkable against the code.
/** One mutant of a module, named so that the name survives edits elsewhere in the module. */
export interface MutantSelector {
  readonly module: string;
  readonly mutator: string;
  /** The code the mutant replaces, as written (whitespace runs count as one space). */
  readonly written: string;
  /** What the mutant puts in its place, as the instrumenter prints it; absent: any replacement. */
  readonly mutated?: string;
  /** A piece of the mutated line, where `written` alone is too common to name the place. */
  readonly on?: string;
}

export interface EquivalentMutant extends MutantSelector {
  /**
   * 'planted-defect': code that only the planted defects run; 'invalid': a mutant the service cannot
   * start with (as StrykerJS leaves its runtime and compile errors out of the score); default: an
   * equivalent mutant.
   */
  readonly kind?: 'equivalent' | 'planted-defect' | 'invalid';
  readonly reason: string;
}

const retryAfterOnlyOnStatusErrors =
  'the retry policy retries errors only (handleWhen(isRetryable)), so the context always holds an error; of the retryable errors (UpstreamStatusError, UpstreamConnectionError, AttemptTimeoutError) only UpstreamStatusError has a retryAfterMs, so reading it from any of them gives the same undefined';

const deadlineGuard =
  `a second guard behind the aborted signal: cockatiel starts the attempt after the backoff's last wait, which ends at or after the deadline (Math.ceil of the time left), and the deadline's timer, set first, has then aborted the signal, so the attempt fails before it sends (fetch sends nothing on an aborted signal). The guard decides only when the two timers fire in the same millisecond in the other order, which no scenario can arrange; the catalog mutant attempt-after-deadline, which sends on a signal the deadline does not abort, shows that a late attempt is caught`;

const clockRace =
  'cockatiel throws BrokenCircuitError here only when the gate admitted a call that cockatiel still holds open: the two read Date.now() separately, a millisecond apart, at the end of the open period; no scenario can arrange that millisecond';

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
  // The guard against an attempt at or after the deadline, behind the aborted signal.
  ...[
    { written: 'callSignal.aborted || deadline.passed', mutated: 'false', mutator: 'ConditionalExpression' },
    { written: 'callSignal.aborted || deadline.passed', mutated: 'callSignal.aborted && deadline.passed', mutator: 'LogicalOperator' },
    { written: 'pastDeadline && !late', mutated: 'false', mutator: 'ConditionalExpression' },
    { written: '!late', mutated: 'late', mutator: 'BooleanLiteral' },
  ].map((entry) => ({ module: 'resilient-payments.ts', ...entry, reason: deadlineGuard })),
  ...[
    { written: '{ return this.remainingMs() <= 0; }', mutated: '{}', mutator: 'BlockStatement' },
    { written: 'this.remainingMs() <= 0', mutated: 'false', mutator: 'ConditionalExpression' },
    { written: 'this.remainingMs() <= 0', mutated: 'this.remainingMs() < 0', mutator: 'EqualityOperator' },
  ].map((entry) => ({ module: 'deadline.ts', ...entry, reason: `Deadline.passed is read only by that guard: ${deadlineGuard}` })),
  // cockatiel and the gate read the clock separately.
  {
    module: 'payment-circuit-breaker.ts',
    mutator: 'ConditionalExpression',
    written: 'error instanceof BrokenCircuitError',
    mutated: 'false',
    reason: clockRace,
  },
  {
    module: 'payment-circuit-breaker.ts',
    mutator: 'CallExpression',
    written: 'throw new CircuitOpenError(this.#remainingOpenMs());',
    mutated: ';',
    reason: clockRace,
  },
  {
    module: 'payment-circuit-breaker.ts',
    mutator: 'EqualityOperator',
    written: 'remaining <= 0',
    mutated: 'remaining < 0',
    reason: 'the two differ only when the open period ends in the very millisecond of the check (Date.now() in whole milliseconds): the original lets that call through to cockatiel, which may still hold the circuit open for that millisecond, the mutant refuses it with a Retry-After of 0; a 1 ms window no scenario can hit',
  },
  {
    module: 'resilient-payments.ts',
    mutator: 'BooleanLiteral',
    written: 'false',
    mutated: 'true',
    on: 'unbounded = false',
    reason: 'every call of #send passes unbounded, so the default value is never used',
  },
  // The rate limiter.
  {
    module: 'rate-limit.ts',
    mutator: 'BooleanLiteral',
    written: 'false',
    mutated: 'true',
    on: 'private readonly shared = false',
    reason: "the default of the shared flag is never used: the service's only construction (app.ts) passes it (true only under the planted defect shared-rate-limit-bucket)",
  },
  {
    module: 'rate-limit.ts',
    mutator: 'EqualityOperator',
    written: 'bucket.tokens >= 1',
    mutated: 'bucket.tokens > 1',
    on: 'secondsUntilToken',
    reason: 'at exactly one token both give 0 seconds (the original by its first branch, the mutant by Math.ceil((1 - 1) / refill) = 0), and they agree everywhere else',
  },
  {
    module: 'rate-limit.ts',
    mutator: 'EqualityOperator',
    written: 'bucket.tokens >= 1',
    mutated: 'bucket.tokens > 1',
    on: 'const allowed',
    reason: 'a bucket holds exactly one token only if no time passed since it was last refilled; the refill is continuous (performance.now(), microseconds), so the token count a request sees after the first is never exactly 1, and only the first request of a bucket (burst tokens, at least 1 and in the scenarios 4 or 5) sees a whole number',
  },
  {
    module: 'health-routes.ts',
    mutator: 'MethodExpression',
    written: "list.every((c) => c.status === 'pass')",
    mutated: "list.some(c => c.status === 'pass')",
    reason: 'every list of checks this route builds holds exactly one entry, and on a one-entry list every and some agree',
  },
  {
    module: 'health-routes.ts',
    mutator: 'ConditionalExpression',
    written: 'deps.database !== undefined',
    mutated: 'true',
    kind: 'planted-defect',
    reason: 'deps.database is undefined only under the catalog mutant ready-ignores-database (READY_CHECKS_DATABASE=false, app.ts); everywhere else the condition is already true',
  },
  {
    module: 'resilient-payments.ts',
    mutator: 'ConditionalExpression',
    written: 'isGatewayFailure(error)',
    mutated: 'true',
    reason:
      'the condition is true whenever it is reached: the gateway client throws only UpstreamStatusError and UpstreamConnectionError (payment-gateway-client.ts wraps every other failure in the latter), a status below 500 is taken by the branch before, and a timeout or an abort by the first branch',
  },
  {
    module: 'stored-key-index.ts',
    mutator: 'BlockStatement',
    written: '{ return this.inner.idempotencyKeys(timeoutMs); }',
    reason: "nothing calls the wrapper's idempotencyKeys: the index loads from the inner store (loadIndexUntilDone), and the method exists because the wrapper is an OrderStore",
  },
  {
    module: 'stored-key-index.ts',
    mutator: 'BlockStatement',
    written: '{ return this.inner.close(); }',
    reason:
      "close runs last in the shutdown, which ends with process.exit(0): the exit closes the pool's sockets, and PostgreSQL ends an idle connection on end of file without a word, as it does on the pool's Terminate message (only a connection inside a transaction is logged, and the shutdown has finished every request)",
  },
  {
    module: 'stored-key-index.ts',
    mutator: 'ObjectLiteral',
    written: '{ signal }',
    mutated: '{}',
    reason: 'the signal only cuts short the wait before the next read when the service shuts down; nothing awaits the loading loop, and the shutdown ends with process.exit(0) whether the wait is over or not',
  },
  // Mutants that hang the service: a loop that never yields, so the process answers nothing again.
  ...[
    { mutator: 'BlockStatement', written: '{ for (const key of await store.idempotencyKeys(timeoutMs)) this.#keys.add(key); this.#complete = true; }' },
    { mutator: 'BlockStatement', written: '{ try { await this.index.load(this.inner, timeoutMs); onAttempt(); } catch (error) { onAttempt(error); await sleep(retryMs, undefined, { signal }).catch(() => undefined); } }' },
    { mutator: 'BlockStatement', written: '{ await this.index.load(this.inner, timeoutMs); onAttempt(); }' },
  ].map((entry) => ({
    module: 'stored-key-index.ts',
    ...entry,
    kind: 'invalid' as const,
    reason: 'the loading loop then never waits for anything but resolved promises (or nothing at all), so it never yields to the event loop: with IDEMPOTENCY_KEY_INDEX=memory the process hangs right after its migration and answers no request or health check again (StrykerJS counts such a hang as a timeout, which it scores as detected; here it is left out)',
  })),
  // Mutants the service cannot start with.
  ...["'/health/live'", "'/health/ready'"].map((path) => ({
    module: 'health-routes.ts',
    mutator: 'StringLiteral',
    written: path,
    mutated: '""',
    kind: 'invalid' as const,
    reason: 'Fastify refuses to register a route with an empty path ("The path could not be empty"): the service exits before it listens, so no scenario can run against it',
  })),
  // The planted defects' branches that the name rule cannot see.
  ...[
    { mutator: 'ConditionalExpression', written: "previous.error instanceof UpstreamConnectionError && previous.error.message.includes('cut short or not JSON')" },
    { mutator: 'StringLiteral', written: "'cut short or not JSON'" },
  ].map((entry) => ({ module: 'resilient-payments.ts', ...entry, kind: 'planted-defect' as const, reason: 'garbled is read only by the planted defect fresh-key-after-garbled-answer' })),
  ...[
    { mutator: 'ObjectLiteral', written: '{ ...request, idempotencyKey: `${request.idempotencyKey}-retry-${attempt}` }' },
    { mutator: 'StringLiteral', written: '`${request.idempotencyKey}-retry-${attempt}`' },
  ].map((entry) => ({ module: 'resilient-payments.ts', ...entry, kind: 'planted-defect' as const, reason: 'the request the planted defect fresh-key-after-garbled-answer sends' })),
  ...[
    { mutator: 'ObjectLiteral', written: "{ ...request, idempotencyKey: '' }" },
    { mutator: 'StringLiteral', written: "''", on: "{ ...request, idempotencyKey: '' }" },
  ].map((entry) => ({ module: 'resilient-payments.ts', ...entry, kind: 'planted-defect' as const, reason: 'the request the planted defect retry-drops-idempotency-key sends' })),
  ...[
    { mutator: 'ConditionalExpression', written: 'unbounded || late', mutated: 'false' },
    { mutator: 'LogicalOperator', written: 'unbounded || late', mutated: 'unbounded && late' },
  ].map((entry) => ({ module: 'resilient-payments.ts', ...entry, kind: 'planted-defect' as const, reason: 'unbounded and late are true only under the planted defects retry-after-5xx-unbounded and attempt-after-deadline; without them both are false and these mutants change nothing' })),
];

const squashed = (code: string) => code.replace(/\s+/g, ' ').trim();

/** Whether a mutant (its module, mutator, the code it replaces and puts there, its line) is the one `selector` names. */
export function matchesSelector(selector: MutantSelector, module: string, mutator: string, written: string, mutated: string, line = ''): boolean {
  return (
    selector.module === module &&
    selector.mutator === mutator &&
    squashed(selector.written) === squashed(written) &&
    (selector.mutated === undefined || squashed(selector.mutated) === squashed(mutated)) &&
    (selector.on === undefined || line.includes(selector.on))
  );
}

/** Why a mutant is left out ("equivalent: …", "planted-defect code: …", "invalid: …"), if it is one of those above. */
export function equivalenceOf(module: string, mutator: string, written: string, mutated: string, line = ''): string | undefined {
  const entry = equivalentMutants.find((candidate) => matchesSelector(candidate, module, mutator, written, mutated, line));
  return entry && `${entry.kind === 'planted-defect' ? 'planted-defect code' : (entry.kind ?? 'equivalent')}: ${entry.reason}`;
}
