import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { FaultlineError } from '../errors.js';
import { imageVariable } from '../images/image-catalog.js';
import { runLabels } from '../topology/run-labels.js';
import { chaosImage } from './chaos-image.js';
import { inspectContainer } from './container-call.js';

/** Where a sidecar joins its target: the network namespace (tc, iptables), the cgroup (CPU pressure), or both. */
export interface SidecarJoin {
  readonly network?: boolean;
  readonly cgroup?: boolean;
  readonly capabilities?: readonly string[];
}

class SidecarDefinition extends GenericContainer {
  withCgroupParent(parent: string): this {
    this.hostConfig.CgroupParent = parent;
    return this;
  }
}

/**
 * A short-lived container from the chaos helper image (fixtures/chaos-helper) that joins a target
 * container, the way Pumba works: the target's own image needs no tools. Labelled with the run's
 * labels, so the watchdog removes it when a run dies; stop() is idempotent.
 */
export class Sidecar {
  private stopped = false;

  private constructor(readonly container: StartedTestContainer, readonly purpose: string) {}

  static async start(targetId: string, purpose: string, join: SidecarJoin, command: readonly string[] = ['sleep', 'infinity']): Promise<Sidecar> {
    const image = await chaosImage();
    let definition = new SidecarDefinition(image)
      .withCommand([...command])
      .withLabels({ ...runLabels(), 'dev.faultline.sidecar': purpose })
      // No ports: it is ready once it runs.
      .withStartupTimeout(30_000);
    if (join.network) definition = definition.withNetworkMode(`container:${targetId}`);
    if (join.capabilities?.length) definition = definition.withAddedCapabilities(...join.capabilities);
    if (join.cgroup) definition = definition.withCgroupParent(await cgroupOf(targetId));
    try {
      return new Sidecar(await definition.start(), purpose);
    } catch (error) {
      throw new FaultlineError(
        'FL_CONTAINER_FAULT',
        `the chaos helper (${image}) for ${purpose} did not start: ${(error as Error).message}. Build it with \`bash scripts/setup.sh\` or set ${imageVariable('chaos')}`,
        { cause: error },
      );
    }
  }

  /** Runs a command in the sidecar; rejects with its output on a non-zero exit. */
  async exec(command: readonly string[]): Promise<string> {
    const result = await this.container.exec([...command]);
    if (result.exitCode !== 0) {
      throw new FaultlineError('FL_CONTAINER_FAULT', `${this.purpose}: \`${command.join(' ')}\` exited ${result.exitCode}: ${result.output.trim()}`);
    }
    return result.output;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.container.stop({ timeout: 0, remove: true });
  }
}

/** The target's cgroup, as a parent for the sidecar's: with cgroupfs it is <parent>/<container id>. */
async function cgroupOf(targetId: string): Promise<string> {
  const inspected = await inspectContainer<{ Id: string; HostConfig: { CgroupParent?: string } }>(targetId);
  const parent = inspected.HostConfig.CgroupParent || '/docker';
  if (parent.endsWith('.slice')) {
    throw new FaultlineError('FL_CONTAINER_FAULT', `the target's cgroup is systemd-managed (${parent}); CPU pressure inside it needs the cgroupfs driver. Use the CPU quota form ("may use N% of one CPU") instead`);
  }
  return `${parent}/${inspected.Id}`;
}
