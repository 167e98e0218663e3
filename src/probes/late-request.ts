// A request whose connection opens now and whose header section is finished only at a later
// instant: how a request still arriving when a service stops accepting looks to it (the connection
// is busy, so closing the listener does not close it, and the request starts only then).
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProbeResult } from './http-probe.js';

export interface LateRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * Opens a connection to `baseUrl` at once and sends the request line and the first header, then the
 * rest of the request at `completeAt` (epoch ms). Resolves with the answer, parsed, or with the error
 * that ended the connection; `startedAt` is when the request was completed.
 */
export async function sendLateRequest(baseUrl: string, request: LateRequest, completeAt: number, timeoutMs = 10_000): Promise<ProbeResult> {
  const url = new URL(request.path, baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  const chunks: Buffer[] = [];
  const ended = new Promise<string | undefined>((resolve) => {
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(undefined));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve('TIMEOUT');
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  }).catch(() => undefined);
  const body = request.body ?? '';
  const headerLines = Object.entries({ host: url.host, ...request.headers, 'content-length': String(Buffer.byteLength(body)) }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.write(`${request.method} ${url.pathname} HTTP/1.1\r\n${headerLines[0]}`);
  await sleep(Math.max(0, completeAt - Date.now()));
  const startedAt = Date.now();
  const t0 = performance.now();
  if (!socket.destroyed) socket.write(`${headerLines.slice(1).join('')}\r\n${body}`);
  const error = await ended;
  socket.destroy();
  const raw = Buffer.concat(chunks).toString('utf8');
  const parsed = parseResponse(raw);
  return {
    method: request.method,
    path: request.path,
    startedAt,
    durationMs: performance.now() - t0,
    ...(parsed ? { status: parsed.status } : {}),
    headers: parsed?.headers ?? {},
    body: parsed?.body ?? '',
    bytes: Buffer.byteLength(raw),
    chunks: chunks.length,
    ...(parsed === undefined ? { error: error ?? 'no answer' } : {}),
  };
}

/** An HTTP/1.1 response read to the end of the connection: status, headers (lower-case names), body. */
export function parseResponse(raw: string): { status: number; headers: Record<string, string>; body: string } | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: raw.slice(end + 4) };
}
