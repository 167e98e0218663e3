import { GenericContainer, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { FaultlineError } from '../errors.js';
import type { ServiceSpec } from './topology-spec.js';
import { runLabels } from './run-labels.js';

const defaultStartupTimeoutMs = 60_000;

function waitStrategyFor(spec: ServiceSpec) {
  const readiness = spec.readiness;
  if (readiness.kind === 'http') {
    return Wait.forHttp(readiness.path, readiness.port).forStatusCode(readiness.status ?? 200);
  }
  return Wait.forLogMessage(readiness.pattern, readiness.times ?? 1);
}

async function lastLogLines(container: StartedTestContainer | undefined, lines: number): Promise<string> {
  if (!container) return '(no container)';
  try {
    const stream = await container.logs({ tail: lines });
    const chunks: string[] = [];
    await new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer | string) => chunks.push(chunk.toString()));
      stream.on('end', () => resolve());
      stream.on('error', () => resolve());
      setTimeout(resolve, 1000).unref();
    });
    return chunks.join('');
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
  ) {}

  static async start(spec: ServiceSpec, image: string, network: StartedNetwork): Promise<StartedService> {
    const container = await StartedService.startContainer(spec, image, network, spec.environment);
    return new StartedService(spec, image, network, container, spec.environment);
  }

  private static async startContainer(
    spec: ServiceSpec,
    image: string,
    network: StartedNetwork,
    environment: Readonly<Record<string, string>>,
  ): Promise<StartedTestContainer> {
    const exposed = new Set(spec.hostPorts);
    if (spec.readiness.kind === 'http') exposed.add(spec.readiness.port);
    const recentOutput: string[] = [];
    const definition = new GenericContainer(image)
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
    try {
      return await definition.start();
    } catch (error) {
      throw new FaultlineError(
        'FL_CONTAINER_FAILED',
        `service "${spec.name}" (image ${image}) did not become ready: ${(error as Error).message}\n` +
          `  last ${recentOutput.length} log lines of ${spec.name}:\n${recentOutput.map((line) => `    | ${line}`).join('\n') || '    (no output)'}`,
        { cause: error },
      );
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
   * nothing when the container already runs with exactly that environment.
   */
  async reconfigure(overrides: Readonly<Record<string, string>>): Promise<boolean> {
    const wanted = { ...this.spec.environment, ...overrides };
    if (sameEnvironment(wanted, this.environment)) return false;
    await this.current.stop({ timeout: 5_000 });
    this.current = await StartedService.startContainer(this.spec, this.image, this.network, wanted);
    this.environment = wanted;
    return true;
  }

  logs(lines = 100): Promise<string> {
    return lastLogLines(this.current, lines);
  }

  async stop(): Promise<void> {
    await this.current.stop({ timeout: 5_000, remove: true });
  }
}

function sameEnvironment(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}
