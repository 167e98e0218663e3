import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import type { Proxy, Toxiproxy } from 'toxiproxy-node-client';
import { FaultlineError } from '../errors.js';
import { docker } from './docker-client.js';
import { StartedService, containerLogs } from './started-service.js';
import type { LinkSpec, ServiceSpec } from './topology-spec.js';
import { toxiproxyProxies } from './toxiproxy-state.js';

export interface StartedTopologyParts {
  readonly network: StartedNetwork;
  readonly toxiproxyContainer: StartedTestContainer;
  readonly toxiproxy: Toxiproxy;
  readonly links: readonly LinkSpec[];
  readonly services: ReadonlyMap<string, StartedService>;
  readonly startMs: number;
  /** Attach mode: Toxiproxy and the network belong to someone else and outlive the run. */
  readonly attached?: boolean;
}

export interface Diagnostics {
  readonly logs: Record<string, string>;
  readonly toxiproxy: unknown;
}

export class StartedTopology implements AsyncDisposable {
  private disposed = false;
  private readonly extras: StartedService[] = [];

  constructor(private readonly parts: StartedTopologyParts) {}

  get toxiproxy(): Toxiproxy {
    return this.parts.toxiproxy;
  }

  get networkName(): string {
    return this.parts.network.getName();
  }

  /** Wall time of start(), including image builds. */
  get startMs(): number {
    return this.parts.startMs;
  }

  get linkNames(): string[] {
    return this.parts.links.map((link) => link.name);
  }

  get serviceNames(): string[] {
    return [...this.parts.services.keys()];
  }

  link(name: string): LinkSpec {
    const link = this.parts.links.find((candidate) => candidate.name === name);
    if (!link) {
      throw new FaultlineError('FL_UNKNOWN_LINK', `"${name}" is not a link of this stack; links: ${this.linkNames.join(', ')}`);
    }
    return link;
  }

  proxy(name: string): Promise<Proxy> {
    this.link(name);
    return this.parts.toxiproxy.get(name);
  }

  /**
   * A link's proxy as a fault reaches it: the name is checked now (FL_UNKNOWN_LINK when the step
   * names a link the stack lacks), the proxy is fetched each time the fault needs it.
   */
  proxyOf(name: string): () => Promise<Proxy> {
    this.link(name);
    return () => this.parts.toxiproxy.get(name);
  }

  /** Base URL through which the host reaches a link's upstream (for example the service via "ingress"). */
  linkUrl(name: string): string {
    return `http://127.0.0.1:${this.parts.toxiproxyContainer.getMappedPort(this.link(name).listenPort)}`;
  }

  service(name: string): StartedService {
    const service = this.parts.services.get(name);
    if (!service) {
      throw new FaultlineError('FL_UNKNOWN_SERVICE', `"${name}" is not a service of this stack; services: ${this.serviceNames.join(', ')}`);
    }
    return service;
  }

  /** Starts one more container on the stack's network (a restore target, a re-cloned standby); disposed with the stack. */
  async startExtra(spec: ServiceSpec, image: string): Promise<StartedService> {
    const service = await StartedService.start(spec, image, this.parts.network);
    this.extras.push(service);
    return service;
  }

  /** Stops and removes a container startExtra started, before the stack is disposed (a stack kept for the next scenario). */
  async stopExtra(service: StartedService): Promise<void> {
    const index = this.extras.indexOf(service);
    if (index < 0) return;
    this.extras.splice(index, 1);
    await service.stop();
  }

  /** For a Toxiproxy that does not answer (only then): a crashed one fails with FL_TOXIPROXY_CRASHED, quoting its panic. */
  async ensureToxiproxyRunning(): Promise<void> {
    const id = this.parts.toxiproxyContainer.getId();
    const state = (await (await docker()).getContainer(id).inspect().catch(() => undefined))?.State;
    if (state?.Running) return;
    const logs = await containerLogs(this.parts.toxiproxyContainer, 60);
    const panic = logs.split('\n').findIndex((line) => line.startsWith('panic:'));
    const excerpt = panic >= 0 ? logs.split('\n').slice(panic, panic + 6).join('\n    ') : logs.split('\n').slice(-6).join('\n    ');
    throw new FaultlineError('FL_TOXIPROXY_CRASHED', `Toxiproxy (container ${id.slice(0, 12)}) is not running${state?.ExitCode === undefined ? '' : `, exit code ${state.ExitCode}`}:\n    ${excerpt}`);
  }

  /** Every proxy with its toxics, as Toxiproxy reports them. */
  toxiproxyState(): ReturnType<typeof toxiproxyProxies> {
    return toxiproxyProxies(this.parts.toxiproxy);
  }

  /** What a person needs when a scenario fails: the last log lines of each container and Toxiproxy's state. */
  async diagnostics(lines = 100): Promise<Diagnostics> {
    const logs: Record<string, string> = Object.fromEntries(
      await Promise.all([...this.parts.services].map(async ([name, service]) => [name, await service.logs(lines)] as const)),
    );
    logs.toxiproxy = await containerLogs(this.parts.toxiproxyContainer, lines);
    let toxiproxy: unknown;
    try {
      toxiproxy = await this.toxiproxyState();
    } catch (error) {
      toxiproxy = `unavailable: ${(error as Error).message}`;
    }
    return { logs, toxiproxy };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const services = [...this.extras, ...this.parts.services.values()].reverse();
    const results = await Promise.allSettled([
      ...services.map((service) => service.stop()),
      ...(this.parts.attached ? [] : [this.parts.toxiproxyContainer.stop({ timeout: 1_000 })]),
    ]);
    if (!this.parts.attached) await this.parts.network.stop().catch(() => undefined);
    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failures.length > 0) {
      throw new AggregateError(failures.map((failure) => failure.reason), 'some containers of the stack could not be stopped');
    }
  }
}
