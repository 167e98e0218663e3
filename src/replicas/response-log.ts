// What the load saw, request by request, with the balancer server that answered (X-Served-By): the
// canary checks read the canary's requests of each step from it, the blue-green check the set that
// answered after the switch.
import type { ProbeResult } from '../probes/http-probe.js';
import { servedByHeader } from './haproxy-config.js';

export interface LoggedResponse {
  /** Epoch ms when the request was sent. */
  readonly at: number;
  readonly server?: string;
  readonly status?: number;
  readonly durationMs: number;
}

export class ResponseLog {
  readonly entries: LoggedResponse[] = [];

  add(result: ProbeResult): void {
    const server = result.headers[servedByHeader];
    this.entries.push({ at: result.startedAt, ...(server === undefined ? {} : { server }), ...(result.status === undefined ? {} : { status: result.status }), durationMs: result.durationMs });
  }

  /** Requests sent from `from` (inclusive) to `to` (exclusive) that `server` answered. */
  answeredBy(server: string, from = 0, to = Number.POSITIVE_INFINITY): LoggedResponse[] {
    return this.entries.filter((entry) => entry.server === server && entry.at >= from && entry.at < to);
  }
}
