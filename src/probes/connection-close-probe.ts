import { connect } from 'node:net';

export interface ConnectionCloseResult {
  readonly bytes: number;
  /** Milliseconds from the last byte of the response until the server closed the connection. */
  readonly closeAfterMs: number;
  readonly durationMs: number;
  readonly statusLine: string;
}

/**
 * Sends one `Connection: close` request on a raw socket and measures when the server's side closes.
 * An HTTP client library cannot do this: it closes the socket itself as soon as the body is read.
 */
export function probeConnectionClose(baseUrl: string, path: string, timeoutMs = 10_000): Promise<ConnectionCloseResult> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let lastDataAt = started;
    let bytes = 0;
    let head = '';
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no close from ${url.host} within ${timeoutMs} ms`)));
    socket.on('connect', () => {
      socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      lastDataAt = performance.now();
      bytes += chunk.length;
      if (head.length < 200) head += chunk.toString('latin1');
    });
    socket.on('end', () => {
      const endedAt = performance.now();
      socket.destroy();
      resolve({ bytes, closeAfterMs: endedAt - lastDataAt, durationMs: endedAt - started, statusLine: head.split('\r\n')[0] ?? '' });
    });
    socket.on('error', reject);
  });
}
