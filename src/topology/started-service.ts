import { GenericContainer, Wait, getContainerRuntimeClient, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import type { ServiceSpec } from './topology-spec.js';
import { docker, dockerMessage, dockerStatus } from './docker-client.js';
import { containerStartError } from './image-build.js';
import { runLabels } from './run-labels.js';
import type { AttachedContainer } from './attached-container.js';

const defaultStartupTimeoutMs = 60_000;

/** A file a scenario adds to the service's container when it starts it (a controllable clock's library). */
export interface ExtraFile {
  readonly content: string | Buffer;
  readonly target: string;
  readonly mode: number;
}

/**
 * How often an HTTP readiness path is asked while a container starts. Testcontainers asks once a
 * second by default, which rounds every start of a service that is ready in a few hundred
 * milliseconds up to the next whole second; the suite restarts services often (each mutant, each
 * scenario that changes a setting). The same value bounds each request: a readiness path answers
 * in milliseconds, and an unanswered ask is simply asked again.
 */
export const readinessPollMs = 200;

function waitStrategyFor(spec: ServiceSpec) {
  const readiness = spec.readiness;
  if (readiness.kind === 'http') {
    return Wait.forHttp(readiness.path, readiness.port).forStatusCode(readiness.status ?? 200).withReadTimeout(readinessPollMs);
  }
  return Wait.forLogMessage(readiness.pattern, readiness.times ?? 1);
}

export async function containerLogs(container: Pick<StartedTestContainer, 'getId'> | undefined, lines: number): Promise<string> {
  if (!container) return '(no container)';
  try {
    // Read once, without following: a followed stream never ends, and waiting it out on a timer cost
    // a second per container on every failed scenario (every mutant's).
    const framed = (await (await docker()).getContainer(container.getId()).logs({ stdout: true, stderr: true, follow: false, tail: lines })) as unknown as Buffer;
    return demuxDockerLog(framed);
  } catch (error) {
    return `(logs unavailable: ${(error as Error).message})`;
  }
}

/** A running container of the stack, restartable with another environment (other policies, a mutant). */
export class StartedService {
  private constructor(
    readonly spec: ServiceSpec,
    private readonly image: string,
    private readonly network: StartedNetwork,
    private current: StartedTestContainer,
    private environment: Readonly<Record<string, string>>,
    /** Attach mode: the container someone else started, to be brought back when the run ends. */
    private readonly original?: AttachedContainer,
  ) {}

  /**
   * A container that was already running (attach mode). Reconfiguring stops it and starts a
   * replacement of the run's own under the same network alias; stop() removes the replacement and
   * starts the original again.
   */
  static attach(spec: ServiceSpec, image: string, network: StartedNetwork, container: AttachedContainer): StartedService {
    return new StartedService(spec, image, network, container as unknown as StartedTestContainer, spec.environment, container);
  }

  static async start(spec: ServiceSpec, image: string, network: StartedNetwork): Promise<StartedService> {
    const started = performance.now();
    const container = await StartedService.startContainer(spec, image, network, spec.environment);
    const service = new StartedService(spec, image, network, container, spec.environment);
    service.startedInMs = performance.now() - started;
    return service;
  }

  /** How long the container took from creation to ready when the stack started (undefined when attached). */
  startedInMs: number | undefined;

  private static async startContainer(
    spec: ServiceSpec,
    image: string,
    network: StartedNetwork,
    environment: Readonly<Record<string, string>>,
    extraFiles: readonly ExtraFile[] = [],
  ): Promise<StartedTestContainer> {
    const exposed = new Set(spec.hostPorts);
    if (spec.readiness.kind === 'http') exposed.add(spec.readiness.port);
    const recentOutput: string[] = [];
    let definition = new GenericContainer(image)
      .withNetwork(network)
      .withNetworkAliases(spec.name)
      .withEnvironment({ ...environment })
      .withExposedPorts(...exposed)
      .withLogConsumer((stream) => {
        stream.on('data', (line: Buffer | string) => {
          recentOutput.push(...line.toString().split('\n').filter(Boolean));
          if (recentOutput.length > 50) recentOutput.splice(0, recentOutput.length - 50);
        });
      })
      .withLabels({ ...runLabels(), 'dev.faultline.service': spec.name })
      .withWaitStrategy(waitStrategyFor(spec))
      .withStartupTimeout(spec.startupTimeoutMs ?? defaultStartupTimeoutMs);
    if (spec.command) definition = definition.withCommand([...spec.command]);
    const files = [...(spec.files ?? []).map((file) => ({ content: file.content, target: file.target, mode: file.mode ?? 0o644 })), ...extraFiles];
    if (files.length > 0) definition = definition.withCopyContentToContainer(files);
    try {
      return await definition.start();
    } catch (error) {
      const logLines = `\n  last ${recentOutput.length} log lines of ${spec.name}:\n${recentOutput.map((line) => `    | ${line}`).join('\n') || '    (no output)'}`;
      throw containerStartError(`service "${spec.name}"`, image, spec.imageVariable, error, logLines);
    }
  }

  get container(): StartedTestContainer {
    return this.current;
  }

  get env(): Readonly<Record<string, string>> {
    return this.environment;
  }

  hostUrl(containerPort: number): string {
    return `http://127.0.0.1:${this.current.getMappedPort(containerPort)}`;
  }

  mappedPort(containerPort: number): number {
    return this.current.getMappedPort(containerPort);
  }

  /**
   * Replaces the container with one started from the base environment plus `overrides`. Does
   * nothing when the container already runs with exactly that environment, unless `force`.
   */
  async reconfigure(overrides: Readonly<Record<string, string>>, options: { force?: boolean; files?: readonly ExtraFile[] } = {}): Promise<boolean> {
    const wanted = { ...this.spec.environment, ...overrides };
    if (!options.force && sameEnvironment(wanted, this.environment) && (await this.isRunning())) return false;
    // No graceful stop: this container's state is being thrown away on purpose.
    await this.current.stop({ timeout: 0 }).catch(() => undefined);
    this.current = await StartedService.startContainer(this.spec, this.image, this.network, wanted, options.files);
    this.environment = wanted;
    return true;
  }

  async isRunning(): Promise<boolean> {
    const inspected = await (await docker()).getContainer(this.current.getId()).inspect().catch(() => undefined);
    return inspected?.State.Running === true;
  }

  /** "running", or how it ended ("exited with code 1 at 06:55:21.383Z"): what a failed recovery check needs to say first. */
  async runState(): Promise<string> {
    const state = (await (await docker()).getContainer(this.current.getId()).inspect().catch(() => undefined))?.State;
    if (state === undefined) return 'gone (the container cannot be inspected)';
    if (state.Running) return 'running';
    return `exited with code ${state.ExitCode} at ${state.FinishedAt.slice(11, 23)}Z${state.OOMKilled ? ' (killed: out of memory)' : ''}`;
  }

  /** When the container's process last started (epoch ms), as Docker recorded it. */
  async startedAt(): Promise<number> {
    const state = (await (await docker()).getContainer(this.current.getId()).inspect()).State;
    return Date.parse(state.StartedAt);
  }

  /** Sends a signal to the service's main process (SIGTERM for a graceful shutdown, SIGKILL for a crash). */
  async signal(signal: 'SIGTERM' | 'SIGKILL' | 'SIGINT'): Promise<void> {
    try {
      await (await docker()).getContainer(this.current.getId()).kill({ signal });
    } catch (error) {
      throw new Error(`sending ${signal} to ${this.spec.name} failed: ${dockerStatus(error) ?? ''} ${dockerMessage(error)}`, { cause: error });
    }
  }

  /**
   * Starts the container again (after a kill, or to restart it), waits until it is ready and
   * re-reads its published ports: Docker gives a restarted container new host ports.
   */
  async restart(): Promise<void> {
    await this.current.restart({ timeout: 0 });
  }

  /** Waits until the container has exited and returns its exit code. */
  async waitForExit(): Promise<number> {
    try {
      const { StatusCode } = (await (await docker()).getContainer(this.current.getId()).wait()) as { StatusCode: number };
      return StatusCode;
    } catch (error) {
      throw new Error(`waiting for ${this.spec.name} to exit failed: ${dockerStatus(error) ?? ''} ${dockerMessage(error)}`, { cause: error });
    }
  }

  /** Runs a command in the container; resolves with its output, rejects with it on a non-zero exit. */
  async exec(command: readonly string[], user?: string): Promise<string> {
    const result = await this.current.exec([...command], user === undefined ? {} : { user });
    if (result.exitCode !== 0) throw new Error(`${command.join(' ')} in ${this.spec.name} exited ${result.exitCode}: ${result.output.trim()}`);
    return result.output;
  }

  logs(lines = 100): Promise<string> {
    return containerLogs(this.current, lines);
  }

  /**
   * Everything the container logged since an instant (whole seconds: a little before it), read once
   * without following: Testcontainers' logs() follows the stream, which never ends, so a reader of
   * it could only stop on a timer — too slow for every scenario.
   */
  async logsSince(epochMs: number): Promise<string> {
    const { dockerode } = (await getContainerRuntimeClient()).container;
    const framed = (await dockerode.getContainer(this.current.getId()).logs({ stdout: true, stderr: true, follow: false, since: Math.floor(epochMs / 1000) })) as unknown as Buffer;
    return demuxDockerLog(framed);
  }

  async stop(): Promise<void> {
    if (this.original) {
      if ((this.current as unknown) !== this.original) {
        await this.current.stop({ remove: true });
        await this.original.restart();
      }
      return;
    }
    await this.current.stop({ remove: true });
  }
}

function sameEnvironment(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * The text of a non-TTY container's log as the Engine API sends it: frames of an 8-byte header
 * (stream type, 3 zero bytes, big-endian payload length) and the payload.
 */
export function demuxDockerLog(framed: Buffer): string {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= framed.length) {
    const size = framed.readUInt32BE(at + 4);
    parts.push(framed.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
