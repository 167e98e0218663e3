// Sequential requests over one kept-alive connection: what one client sees when nothing else queues
// in front of it. Latency is counted from the request's start to the end of its response body.
import { Agent, request } from 'node:http';

export interface SequentialSample {
  readonly ms: number;
  readonly status: number | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export class SequentialClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });

  one(url: string, options: { method?: string; headers?: Readonly<Record<string, string>>; body?: string; timeoutMs?: number } = {}): Promise<SequentialSample> {
    const started = performance.now();
    return new Promise((resolve) => {
      const req = request(
        url,
        {
          agent: this.#agent,
          method: options.method ?? 'GET',
          headers: { ...(options.body === undefined ? {} : { 'content-length': Buffer.byteLength(options.body) }), ...options.headers },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode, headers: res.headers }));
          res.on('error', () => resolve({ ms: performance.now() - started, status: undefined, headers: {} }));
        },
      );
      req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ ms: performance.now() - started, status: undefined, headers: {} }));
      req.end(options.body);
    });
  }

  /** `count` GETs one after the other, after one that is not counted (it may open the connection). */
  async latencies(url: string, count: number, headers: Readonly<Record<string, string>> = {}): Promise<number[]> {
    await this.one(url, { headers });
    const latencies: number[] = [];
    for (let index = 0; index < count; index += 1) latencies.push((await this.one(url, { headers })).ms);
    return latencies;
  }

  close(): void {
    this.#agent.destroy();
  }
}
