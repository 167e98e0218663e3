import { Agent, request } from 'node:http';

export interface ProbeRequest {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Client-side timeout; the request is aborted and reported as timed out after it. */
  readonly timeoutMs?: number;
  /** A fresh connection instead of the keep-alive pool (to observe connection-level faults). */
  readonly freshConnection?: boolean;
}

export interface ProbeResult {
  readonly method: string;
  readonly path: string;
  /** Epoch milliseconds when the request was sent. */
  readonly startedAt: number;
  /** Time to the end of the response (or to the error), in milliseconds. */
  readonly durationMs: number;
  readonly status?: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly bytes: number;
  /** Number of data events the body arrived in (slicing shows here). */
  readonly chunks: number;
  /** Set when no complete response arrived: ECONNRESET, ECONNREFUSED, TIMEOUT, ABORTED... */
  readonly error?: string;
  /** Milliseconds from the end of the response until the server closed the socket, if it did. */
  readonly closeAfterMs?: number;
}

let pooled = new Agent({ keepAlive: true, maxSockets: 256 });

/** One HTTP request with precise timing and everything observable about how it ended. */
export function probe(baseUrl: string, spec: ProbeRequest): Promise<ProbeResult> {
  const url = new URL(spec.path, baseUrl);
  const method = spec.method ?? 'GET';
  const startedAt = Date.now();
  const t0 = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    let chunks = 0;
    let bytes = 0;
    const parts: Buffer[] = [];
    let status: number | undefined;
    let headers: Record<string, string> = {};
    let endedAt: number | undefined;
    const finish = (error?: string, closeAfterMs?: number) => {
      if (settled) return;
      settled = true;
      resolve({
        method,
        path: spec.path,
        startedAt,
        durationMs: (endedAt ?? performance.now()) - t0,
        ...(status === undefined ? {} : { status }),
        headers,
        body: Buffer.concat(parts).toString('utf8'),
        bytes,
        chunks,
        ...(error === undefined ? {} : { error }),
        ...(closeAfterMs === undefined ? {} : { closeAfterMs }),
      });
    };
    const req = request(
      url,
      {
        method,
        headers: { ...(spec.body === undefined ? {} : { 'content-length': Buffer.byteLength(spec.body) }), ...spec.headers },
        agent: spec.freshConnection ? new Agent({ keepAlive: false }) : pooled,
      },
      (res) => {
        status = res.statusCode;
        headers = Object.fromEntries(
          Object.entries(res.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value)]),
        );
        res.on('data', (chunk: Buffer) => {
          chunks += 1;
          bytes += chunk.length;
          parts.push(chunk);
        });
        res.on('end', () => {
          endedAt = performance.now();
          if (!spec.freshConnection) return finish();
          // On a fresh connection, wait for the server's close to observe slow_close.
          const socket = res.socket;
          if (!socket || socket.destroyed) return finish(undefined, 0);
          socket.once('close', () => finish(undefined, performance.now() - endedAt!));
        });
        res.on('aborted', () => finish('ABORTED'));
        res.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
      },
    );
    if (spec.timeoutMs !== undefined) {
      req.setTimeout(spec.timeoutMs, () => {
        req.destroy(Object.assign(new Error('client timeout'), { code: 'TIMEOUT' }));
      });
    }
    req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    req.end(spec.body);
  });
}

export function closeProbeConnections(): void {
  pooled.destroy();
}

/** Drops pooled connections, e.g. after the service behind a link was restarted (they would be reset). */
export function resetProbeConnections(): void {
  pooled.destroy();
  pooled = new Agent({ keepAlive: true, maxSockets: 256 });
}
