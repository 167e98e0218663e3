import type { GatewayControl, ScriptedResponse, Selection } from './gateway-control.js';
import type { Fault, FaultRecord } from './fault.js';

/** What a scriptable upstream answers, without its route (the fault's target carries that). */
export type ScriptedAnswer = Omit<ScriptedResponse, 'route'> & { readonly status: number };

/**
 * A scripted answer of a scriptable upstream on one route (DESIGN.md §4): a rule of the upstream's
 * control API, added by inject() and taken away by remove(). The kind names what the caller sees:
 * `http:503`, `http:503-retry-after`, `http:slow`, `http:hang`, `http:close-mid-body`,
 * `http:truncated`, `http:slow-headers`.
 */
export class ScriptedAnswerFault implements Fault {
  readonly record: FaultRecord;
  private ruleId: number | undefined;

  constructor(
    private readonly control: () => GatewayControl,
    upstream: string,
    readonly route: string,
    readonly answer: ScriptedAnswer,
    readonly when: Selection,
  ) {
    this.record = {
      kind: scriptedAnswerKind(answer),
      target: `${upstream} ${route}`,
      description: `${upstream} ${describeAnswer(answer)} to ${route} ${describeSelection(when)}`,
      parameters: { upstream, route, ...answer, when },
    };
  }

  async inject(): Promise<void> {
    this.ruleId = await this.control().addRule(this.route, this.answer, this.when);
    this.record.injectedAt = Date.now();
  }

  async remove(): Promise<void> {
    const id = this.ruleId;
    if (id === undefined) return;
    this.ruleId = undefined;
    // A rule used up ("the next 3") or reset away is gone already; the upstream says so without an error.
    await this.control().removeRule(id);
    this.record.removedAt = Date.now();
  }
}

export function scriptedAnswerKind(answer: ScriptedAnswer): string {
  if (answer.hang) return 'http:hang';
  if (answer.closeMidBody) return 'http:close-mid-body';
  if (answer.truncateBody) return 'http:truncated';
  if ((answer.slowHeadersMs ?? 0) > 0) return 'http:slow-headers';
  const failing = answer.status < 200 || answer.status > 299;
  if (!failing && (answer.delayMs ?? 0) > 0) return 'http:slow';
  // A plain success is the end of a scripted sequence ("503, 503, 200"), not a fault of its own: its
  // kind says so, so that the report's fault columns are not a list of status codes.
  if (!failing) return 'http:scripted-success';
  return `http:${answer.status}${answer.retryAfter === undefined ? '' : '-retry-after'}`;
}

function describeAnswer(answer: ScriptedAnswer): string {
  if (answer.hang) return 'hangs on requests';
  const parts = [`answers ${answer.status}`];
  if (answer.retryAfter !== undefined) parts.push(`with Retry-After ${answer.retryAfter}`);
  if ((answer.delayMs ?? 0) > 0) parts.push(`after ${answer.delayMs} ms`);
  if (answer.closeMidBody) parts.push('closing the connection mid-body');
  if (answer.truncateBody) parts.push('with a truncated body');
  if ((answer.slowHeadersMs ?? 0) > 0) parts.push(`with headers trickled over ${answer.slowHeadersMs} ms`);
  return parts.join(' ');
}

function describeSelection(when: Selection): string {
  if ('next' in when) return when.next === 1 ? 'for the next request' : `for the next ${when.next} requests`;
  if ('nth' in when) return `on the ${ordinal(when.nth)} request`;
  if ('every' in when) return 'for every request';
  return `for each request with probability ${when.probability}${when.seed === undefined ? '' : ` (seed ${when.seed}; replay with FAULTLINE_SCRIPT_SEED=${when.seed})`}`;
}

export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The fault for a dependency of the stack by its configured name; fails clearly when it has no control API. */
export function scriptedAnswerFault(
  stack: { upstream(name: string): GatewayControl },
  upstream: string,
  route: string,
  answer: ScriptedAnswer,
  when: Selection,
): ScriptedAnswerFault {
  stack.upstream(upstream);
  // Looked up on every call: a restarted upstream gets a new control address.
  return new ScriptedAnswerFault(() => stack.upstream(upstream), upstream, route, answer, when);
}

/** "503, 503, 200" as runs of equal statuses, each "the next N" in order: one fault per run. */
export function statusRuns(statuses: readonly number[]): Array<{ readonly status: number; readonly count: number }> {
  const runs: Array<{ status: number; count: number }> = [];
  for (const status of statuses) {
    const last = runs.at(-1);
    if (last?.status === status) last.count += 1;
    else runs.push({ status, count: 1 });
  }
  return runs;
}
