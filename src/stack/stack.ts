// A configuration made real: the topology it describes, started (or attached to), with the run's
// secrets and a handle on every control API it declares.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { placeholderPattern, type ContainerConfig, type FaultlineConfig, type ServiceUnderTestConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';
import { resolveImageCatalog } from '../images/image-catalog.js';
import { GatewayControl } from '../faults/gateway-control.js';
import { parseDuration } from '../units/duration.js';
import type { StartedService } from '../topology/started-service.js';
import type { StartedTopology } from '../topology/started-topology.js';
import { Topology } from '../topology/topology.js';
import type { ServiceSpec } from '../topology/topology-spec.js';

/**
 * Fills {{link:..}}, {{link-host:..}}, {{link-port:..}} and {{secret:..}} in `text`. `secret`
 * gives a secret's value by name: making it (start) or failing when there is none (attach, steps).
 */
export function fillPlaceholders(text: string, linkPort: (name: string) => number, secret: (name: string) => string): string {
  return text.replace(placeholderPattern, (_, kind: string, name: string) => {
    if (kind === 'secret') return secret(name);
    if (kind === 'link-host') return 'toxiproxy';
    if (kind === 'link-port') return String(linkPort(name));
    return `toxiproxy:${linkPort(name)}`;
  });
}

/** A secret for each name asked for, made on first use: the secrets of a run that starts its stack. */
export function secretMaker(secrets: Map<string, string>): (name: string) => string {
  return (name) => {
    let secret = secrets.get(name);
    if (secret === undefined) {
      secret = randomBytes(16).toString('hex');
      secrets.set(name, secret);
    }
    return secret;
  };
}

/** The configured request as it is sent: headers (lower-case names) and body filled in once. */
export interface FilledRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly uniqueHeader?: string;
  /** The warm-up's headers over the request's. */
  readonly warmUpHeaders: Readonly<Record<string, string>>;
}

export class Stack {
  private readonly controls = new Map<string, GatewayControl>();
  private filledRequest: FilledRequest | undefined;

  constructor(
    readonly loaded: LoadedConfig,
    readonly topology: StartedTopology,
    /** Every secret of the run by name; none of them may reach a report or a log. */
    readonly secrets: ReadonlyMap<string, string>,
    controls: ReadonlyMap<string, GatewayControl>,
  ) {
    for (const [name, control] of controls) this.controls.set(name, control);
  }

  get config(): FaultlineConfig {
    return this.loaded.config;
  }

  get serviceConfig(): ServiceUnderTestConfig {
    return this.config.service;
  }

  /** The service under test. */
  get service(): StartedService {
    return this.topology.service(this.config.service.name);
  }

  /** The service as clients reach it: through its ingress link. */
  get serviceUrl(): string {
    return this.topology.linkUrl(this.config.service.ingress);
  }

  /** The service's first port, directly (scrapes and readiness checks bypass client-side faults). */
  get directUrl(): string {
    return this.service.hostUrl(this.config.service.ports[0]!);
  }

  secret(name: string): string {
    const value = this.secrets.get(name);
    if (value === undefined) {
      throw new FaultlineError('FL_MISSING_CAPABILITY', `this step needs the secret "${name}" but ${this.loaded.path} declares no {{secret:${name}}}; secrets: ${[...this.secrets.keys()].join(', ') || 'none'}`);
    }
    return value;
  }

  /** Fills the placeholders of a text from the configuration with this run's values. */
  fill(text: string): string {
    return fillPlaceholders(text, (name) => this.topology.link(name).listenPort, (name) => this.secret(name));
  }

  /** What "N requests are sent" sends (service.request, default GET /), filled once per run. */
  get request(): FilledRequest {
    if (!this.filledRequest) {
      const request = this.config.service.request ?? { path: '/' };
      const headersOf = (headers: Readonly<Record<string, string>> | undefined) =>
        Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), this.fill(value)]));
      const headers = headersOf(request.headers);
      if (request.body !== undefined) headers['content-type'] ??= 'application/json';
      this.filledRequest = {
        method: request.method ?? 'GET',
        path: request.path,
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.uniqueHeader === undefined ? {} : { uniqueHeader: request.uniqueHeader.toLowerCase() }),
        warmUpHeaders: { ...headers, ...headersOf(this.config.service.warmUp?.headers) },
      };
    }
    return this.filledRequest;
  }

  /**
   * How a signalled container comes back when its fault is removed: a dependency is restarted then,
   * the service under test is not (the next scenario starts it with its own configuration).
   */
  restartAfterSignal(name: string): (() => Promise<void>) | undefined {
    return name === this.config.service.name ? undefined : () => this.restartContainer(name);
  }

  /**
   * Restarts a container of the stack (a process fault) and, for a dependency with a control API,
   * points its control at the new host port.
   */
  async restartContainer(name: string): Promise<void> {
    const service = this.topology.service(name);
    await service.restart();
    const control = this.controls.get(name);
    const port = this.config.dependencies?.find((dependency) => dependency.name === name)?.control?.port;
    if (control && port !== undefined) this.controls.set(name, control.relocated(service.hostUrl(port)));
  }

  /** The control API of a dependency (scripted answers, journal). */
  upstream(name: string): GatewayControl {
    const control = this.controls.get(name);
    if (control) return control;
    const known = this.config.dependencies?.map((dependency) => dependency.name) ?? [];
    const detail = known.includes(name)
      ? `"${name}" has no control API in ${this.loaded.path}; steps that script its answers or count its requests need dependencies[].control: { port, token }`
      : `"${name}" is not a dependency in ${this.loaded.path}; dependencies: ${known.join(', ') || 'none'}`;
    throw new FaultlineError('FL_MISSING_CAPABILITY', detail);
  }

  get upstreamNames(): string[] {
    return [...this.controls.keys()];
  }

  /** Empties every control API's script and journal. */
  async resetUpstreams(): Promise<void> {
    for (const control of this.controls.values()) await control.reset();
  }

  /** Fails with a clear error when a step needs metrics the service does not expose. */
  metricsPath(step: string): string {
    const metrics = this.config.service.metrics;
    if (!metrics) {
      throw new FaultlineError('FL_MISSING_CAPABILITY', `"${step}" reads the service's Prometheus metrics, but service.metrics is not set in ${this.loaded.path}; add metrics: { path: "/metrics" } if ${this.config.service.name} exposes them`);
    }
    return metrics.path;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.topology[Symbol.asyncDispose]();
  }
}

/** A container's readiness as the topology checks it (HTTP on its first port unless one is given). */
export function readinessOf(container: ContainerConfig): ServiceSpec['readiness'] {
  const readiness = container.readiness;
  return 'http' in readiness
    ? { kind: 'http', path: readiness.http, port: readiness.port ?? container.ports[0]!, ...(readiness.status === undefined ? {} : { status: readiness.status }) }
    : { kind: 'log', pattern: new RegExp(readiness.log), ...(readiness.times === undefined ? {} : { times: readiness.times }) };
}

function specOf(container: ContainerConfig, baseDir: string, fill: (text: string) => string): ServiceSpec {
  const environment = Object.fromEntries(Object.entries(container.environment ?? {}).map(([key, value]) => [key, fill(value)]));
  return {
    name: container.name,
    image: container.build
      ? { kind: 'dockerfile', context: resolve(baseDir, container.build.context), tag: `faultline.local/${container.name}:dev`, buildArgs: { ...(container.build.args ?? {}) } }
      : { kind: 'image', name: container.image! },
    environment,
    hostPorts: [...container.ports],
    readiness: readinessOf(container),
    ...(container.startupTimeout === undefined ? {} : { startupTimeoutMs: parseDuration(container.startupTimeout) }),
    ...(container.command === undefined ? {} : { command: [...container.command] }),
    ...(container.files === undefined
      ? {}
      : { files: container.files.map((file) => ({ content: readFileSync(resolve(baseDir, file.source), 'utf8'), target: file.target, ...(file.mode === undefined ? {} : { mode: file.mode }) })) }),
    ...(container.imageVariable === undefined ? {} : { imageVariable: container.imageVariable }),
    secretKeys: [...(container.secretEnvironment ?? [])],
  };
}

/** The Topology a configuration describes, with the secrets its placeholders asked for. */
export function topologyOf(loaded: LoadedConfig): { topology: Topology; secrets: Map<string, string> } {
  const { config, baseDir } = loaded;
  const topology = new Topology(resolveImageCatalog());
  for (const link of config.links) {
    const [service, port] = link.to.split(':');
    topology.withLink(link.name, service!, Number(port));
  }
  const secrets = new Map<string, string>();
  const fill = (text: string) => fillPlaceholders(text, (name) => topology.link(name).listenPort, secretMaker(secrets));
  for (const container of [...(config.dependencies ?? []), config.service]) topology.withService(specOf(container, baseDir, fill));
  // Secrets that only headers or control tokens mention are made now too, so that they exist before use.
  for (const text of [...Object.values(config.service.request?.headers ?? {}), ...Object.values(config.service.warmUp?.headers ?? {}), ...(config.dependencies ?? []).map((d) => d.control?.token ?? '')]) fill(text);
  return { topology, secrets };
}

/** Starts the stack a configuration describes. */
export async function startStack(loaded: LoadedConfig): Promise<Stack> {
  const { topology, secrets } = topologyOf(loaded);
  const started = await topology.start();
  const fill = (text: string) => fillPlaceholders(text, (name) => started.link(name).listenPort, secretMaker(secrets));
  const controls = new Map<string, GatewayControl>();
  for (const dependency of loaded.config.dependencies ?? []) {
    if (dependency.control) controls.set(dependency.name, new GatewayControl(started.service(dependency.name).hostUrl(dependency.control.port), fill(dependency.control.token), dependency.name));
  }
  return new Stack(loaded, started, secrets, controls);
}

/** Removes secret values (by key) before an environment is reported. */
export function redact(environment: Readonly<Record<string, string>>, secretKeys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, secretKeys.includes(key) ? '[redacted]' : value]));
}
