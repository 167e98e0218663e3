import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { Toxiproxy } from 'toxiproxy-node-client';
import { FaultlineError } from '../errors.js';
import { applyTestcontainersSettings, imageVariable, type ImageCatalog } from '../images/image-catalog.js';
import { ensureDockerReachable } from './docker-check.js';
import { buildImage, containerStartError } from './image-build.js';
import { runNetworkName } from './run-sweep.js';
import { runId, runLabels } from './run-labels.js';
import { startWatchdog } from './watchdog-launcher.js';
import { StartedTopology } from './started-topology.js';
import { readinessPollMs, StartedService } from './started-service.js';
import type { LinkSpec, ServiceSpec } from './topology-spec.js';

const toxiproxyApiPort = 8474;
let stacksStarted = 0;
const firstLinkPort = 8666;

/**
 * Fluent description of a stack. `start()` creates one network, starts the real Toxiproxy with a
 * proxy per link, starts every service (built from its Dockerfile where it has one) in the order
 * given, and returns a StartedTopology, which is AsyncDisposable.
 *
 *   await using stack = await new Topology(images)
 *     .withService(gateway).withLink('payment', 'payment-gateway', 8080).withService(orders)
 *     .start();
 */
export class Topology {
  private readonly services: ServiceSpec[] = [];
  private readonly links: LinkSpec[] = [];

  constructor(private readonly images: ImageCatalog) {}

  /** The address services use to reach a link: Toxiproxy's alias and the link's port. */
  static linkAddress(link: Pick<LinkSpec, 'listenPort'>): string {
    return `toxiproxy:${link.listenPort}`;
  }

  withLink(name: string, upstreamService: string, upstreamPort: number): this {
    if (this.links.some((link) => link.name === name)) {
      throw new FaultlineError('FL_BAD_CONFIG', `link "${name}" is defined twice`);
    }
    this.links.push({ name, upstreamService, upstreamPort, listenPort: firstLinkPort + this.links.length });
    return this;
  }

  /** The spec of a link added earlier, for services that must be pointed at it. */
  link(name: string): LinkSpec {
    const link = this.links.find((candidate) => candidate.name === name);
    if (!link) {
      throw new FaultlineError('FL_UNKNOWN_LINK', `link "${name}" is not defined; defined: ${this.links.map((l) => l.name).join(', ') || 'none'}`);
    }
    return link;
  }

  withService(spec: ServiceSpec): this {
    if (this.services.some((service) => service.name === spec.name)) {
      throw new FaultlineError('FL_BAD_CONFIG', `service "${spec.name}" is defined twice`);
    }
    this.services.push(spec);
    return this;
  }

  async start(): Promise<StartedTopology> {
    this.validate();
    applyTestcontainersSettings();
    await ensureDockerReachable();
    startWatchdog();
    const started = performance.now();
    // One run may start several stacks (disaster recovery gets its own): the name stays findable by the run's prefix.
    const network = await new Network({ nextUuid: () => `${runNetworkName(runId)}-${++stacksStarted}` }).start();
    const cleanup: Array<() => Promise<unknown>> = [() => network.stop()];
    try {
      const images = await this.resolveServiceImages();
      const toxiproxy = await this.startToxiproxy(network);
      cleanup.unshift(() => toxiproxy.stop({ timeout: 1_000 }));
      const client = new Toxiproxy(`http://127.0.0.1:${toxiproxy.getMappedPort(toxiproxyApiPort)}`);
      await client.populate(
        this.links.map((link) => ({
          name: link.name,
          listen: `0.0.0.0:${link.listenPort}`,
          upstream: `${link.upstreamService}:${link.upstreamPort}`,
          enabled: true,
        })),
      );
      const services = new Map<string, StartedService>();
      for (const spec of this.services) {
        const service = await StartedService.start(spec, images.get(spec.name)!, network);
        services.set(spec.name, service);
        cleanup.unshift(() => service.stop());
      }
      return new StartedTopology({
        network,
        toxiproxyContainer: toxiproxy,
        toxiproxy: client,
        links: [...this.links],
        services,
        startMs: performance.now() - started,
      });
    } catch (error) {
      for (const step of cleanup) await step().catch(() => undefined);
      throw error;
    }
  }

  private validate(): void {
    const names = new Set(this.services.map((service) => service.name));
    for (const link of this.links) {
      if (!names.has(link.upstreamService)) {
        throw new FaultlineError(
          'FL_BAD_CONFIG',
          `link "${link.name}" points at service "${link.upstreamService}", which is not defined; services: ${[...names].join(', ')}`,
        );
      }
    }
  }

  private async resolveServiceImages(): Promise<Map<string, string>> {
    const images = new Map<string, string>();
    for (const spec of this.services) {
      images.set(spec.name, spec.image.kind === 'image' ? spec.image.name : await buildImage(spec.image, spec.name));
    }
    return images;
  }

  private async startToxiproxy(network: StartedNetwork): Promise<StartedTestContainer> {
    try {
      return await new GenericContainer(this.images.toxiproxy)
        .withNetwork(network)
        .withNetworkAliases('toxiproxy')
        .withExposedPorts(toxiproxyApiPort, ...this.links.map((link) => link.listenPort))
        .withLabels({ ...runLabels(), 'dev.faultline.service': 'toxiproxy' })
        .withWaitStrategy(Wait.forHttp('/version', toxiproxyApiPort).forStatusCode(200).withReadTimeout(readinessPollMs))
        .withStartupTimeout(30_000)
        .start();
    } catch (error) {
      throw containerStartError('Toxiproxy', this.images.toxiproxy, imageVariable('toxiproxy'), error);
    }
  }
}
