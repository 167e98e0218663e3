// More replicas of the service under test for one scenario: the same image and the same environment
// (the scenario's settings and the mutant's included), on the stack's network, reaching the same
// dependencies through the same Toxiproxy links, so that a fault on a link reaches every replica.
import type { Stack } from '../stack/stack.js';
import type { StartedService } from '../topology/started-service.js';
import { probe, type ProbeResult } from '../probes/http-probe.js';

export class ExtraReplicas {
  private constructor(
    private readonly stack: Stack,
    readonly replicas: readonly StartedService[],
    /** How long starting them (in parallel, until ready) took. */
    readonly startMs: number,
  ) {}

  /**
   * Starts `count` more replicas, each named `<service>-replica-<n>` (n from 2), and sends each a
   * request on the rate-limited path with the warm-up key, so that the scenario's requests do not
   * pay for their first connection to Redis.
   */
  static async start(stack: Stack, count: number, warmUp: { readonly apiKey: string }): Promise<ExtraReplicas> {
    const sut = stack.service;
    const image = sut.spec.image.kind === 'image' ? sut.spec.image.name : sut.spec.image.tag;
    const started = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: count }, (_, index) => stack.topology.startExtra({ ...sut.spec, name: `${sut.spec.name}-replica-${index + 2}`, environment: sut.env }, image)),
    );
    const replicas = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) {
      await Promise.allSettled(replicas.map((replica) => replica.stop()));
      throw failed.reason;
    }
    const extra = new ExtraReplicas(stack, replicas, performance.now() - started);
    await Promise.all(extra.urls.slice(1).map((url) => probe(url, { path: '/orders/00000000-0000-4000-8000-000000000000', headers: { 'x-api-key': warmUp.apiKey }, timeoutMs: 5_000 })));
    return extra;
  }

  /** The service under test first, then the extra replicas: each directly, on its own port. */
  get urls(): string[] {
    const port = this.stack.config.service.ports[0]!;
    return [this.stack.directUrl, ...this.replicas.map((replica) => replica.hostUrl(port))];
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.replicas.map((replica) => replica.stop()));
  }
}

/** `count` requests one after another, the i-th to `urls[i % urls.length]`. */
export async function roundRobin<T extends ProbeResult>(urls: readonly string[], count: number, send: (url: string, index: number) => Promise<T>): Promise<Array<T & { readonly replica: number }>> {
  const results: Array<T & { readonly replica: number }> = [];
  for (let index = 0; index < count; index += 1) {
    const replica = index % urls.length;
    results.push({ ...(await send(urls[replica]!, index)), replica: replica + 1 });
  }
  return results;
}
