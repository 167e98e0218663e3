import { FaultlineError } from '../errors.js';

export interface ScriptedResponse {
  readonly status?: number;
  readonly retryAfter?: string;
  readonly delayMs?: number;
  readonly hang?: boolean;
  readonly closeMidBody?: boolean;
}

export interface JournalEntry {
  readonly seq: number;
  readonly arrivedAt: number;
  readonly completedAt: number | null;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly idempotencyKey: string | null;
  readonly requestId: string | null;
  readonly status: number | null;
  readonly outcome: string;
}

export interface Journal {
  readonly requests: readonly JournalEntry[];
  readonly inFlight: number;
  readonly maxInFlight: number;
}

/** Client of the payment gateway's token-guarded control API. */
export class GatewayControl {
  constructor(private readonly baseUrl: string, private readonly token: string) {}

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new FaultlineError('FL_CONTROL_API', `payment gateway ${method} ${path} answered ${response.status}: ${text}`);
    }
    return text ? JSON.parse(text) : undefined;
  }

  script(responses: readonly ScriptedResponse[]): Promise<unknown> {
    return this.call('POST', '/control/script', { responses });
  }

  setDefault(behaviour: { status: number; delayMs?: number }): Promise<unknown> {
    return this.call('PUT', '/control/default', behaviour);
  }

  async journal(): Promise<Journal> {
    return (await this.call('GET', '/control/journal')) as Journal;
  }

  reset(): Promise<unknown> {
    return this.call('POST', '/control/reset');
  }
}
