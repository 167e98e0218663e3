import { FaultlineError } from '../errors.js';

/** One scripted answer of the scriptable upstream (fixtures/payment-gateway/README.md). */
export interface ScriptedResponse {
  readonly status?: number;
  readonly retryAfter?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  readonly hang?: boolean;
  readonly closeMidBody?: boolean;
  /** A complete answer carrying only the first half of its body. */
  readonly truncateBody?: boolean;
  /** Status line and header lines trickled over this many milliseconds. */
  readonly slowHeadersMs?: number;
  /** The route it answers ("POST /reservations"); default POST /charges. */
  readonly route?: string;
}

/** Which requests on a route a rule answers: the next N, the Nth from now, every one, or each with probability p. */
export type Selection =
  | { readonly next: number }
  | { readonly nth: number }
  | { readonly every: true }
  | { readonly probability: number; readonly seed?: number };

/** The route the upstream's charge ledger serves, and what calls without a route script. */
export const defaultRoute = 'POST /charges';

export interface JournalEntry {
  readonly seq: number;
  readonly arrivedAt: number;
  readonly completedAt: number | null;
  readonly method: string;
  readonly path: string;
  /** "POST /charges" */
  readonly route: string;
  /** SHA-256 of the body, hex; null for an empty one. */
  readonly bodyHash: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly requestId: string | null;
  readonly status: number | null;
  readonly outcome: string;
  readonly clientClosedAt?: number | null;
}

export interface RouteCounts {
  readonly received: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
}

export interface Journal {
  readonly requests: readonly JournalEntry[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Per route ("POST /charges"); a route that received nothing is absent. */
  readonly routes?: Readonly<Record<string, RouteCounts>>;
}

const controlCallTimeoutMs = 10_000;

/** Client of a scriptable upstream's token-guarded control API (the program in fixtures/payment-gateway). */
export class GatewayControl {
  constructor(private readonly baseUrl: string, private readonly token: string, readonly name = 'upstream') {}

  /** The same control API at another address (the upstream was restarted and got new host ports). */
  relocated(baseUrl: string): GatewayControl {
    return new GatewayControl(baseUrl, this.token, this.name);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // A paused or stopped upstream answers no control call: an error that names it, not a run that hangs.
        signal: AbortSignal.timeout(controlCallTimeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${controlCallTimeoutMs} ms` : (error as Error).message;
      throw new FaultlineError('FL_CONTROL_API', `${this.name} ${method} ${path}: ${reason}; is the upstream paused, stopped or restarted? Remove the fault on it before reading its journal or changing its script`);
    }
    if (!response.ok) {
      throw new FaultlineError('FL_CONTROL_API', `${this.name} ${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  script(responses: readonly ScriptedResponse[]): Promise<unknown> {
    return this.call('POST', '/control/script', { responses });
  }

  setDefault(behaviour: { status: number; delayMs?: number; route?: string }): Promise<unknown> {
    return this.call('PUT', '/control/default', behaviour);
  }

  /** Adds a rule: `answer` for the requests on `route` that `when` selects. Returns its id, for removeRule. */
  async addRule(route: string, answer: Omit<ScriptedResponse, 'route'> & { readonly status: number }, when: Selection): Promise<number> {
    const { rule } = (await this.call('POST', '/control/rules', { route, answer, when })) as { rule: { id: number } };
    return rule.id;
  }

  /** Takes a rule away; a rule already used up or reset away is no error. */
  async removeRule(id: number): Promise<void> {
    await this.call('DELETE', `/control/rules/${id}`);
  }

  /** Every request received since the last reset, or those of one route ("POST /charges"). */
  async journal(route?: string): Promise<Journal> {
    const query = route === undefined ? '' : `?route=${encodeURIComponent(route)}`;
    return (await this.call('GET', `/control/journal${query}`)) as Journal;
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/control/reset');
  }
}
