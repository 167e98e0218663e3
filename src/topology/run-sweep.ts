// Removes what a run left in Docker: every container and volume labelled with its id, and its
// networks. The run's own cleanup, the watchdog (after a killed run) and `faultline down` end here.
// Erasable TypeScript only: the watchdog runs it with Node's type stripping.
import { docker } from './docker-client.ts';
import { runLabelKey } from './run-labels.ts';

export interface SweepResult {
  readonly containers: number;
  readonly networks: number;
  readonly volumes: number;
}

/** Prefix of the run's network names; the sweep finds them by it (Docker's name filter matches substrings), as Testcontainers sets their labels. */
export function runNetworkName(runId: string): string {
  return `faultline-${runId}`;
}

/**
 * Removes every container and volume labelled with the run's id, and the run's networks. Without a
 * run id: those of every Faultline run (`faultline down`). A removal that fails (something else
 * removed it first) does not stop the others.
 */
export async function sweepRun(runId?: string): Promise<SweepResult> {
  const engine = await docker();
  const byLabel = { label: [runId === undefined ? runLabelKey : `${runLabelKey}=${runId}`] };
  const containers = await engine.listContainers({ all: true, filters: byLabel });
  // Fault sidecars undo what they set in a target's namespace when stopped (a DNS rule in a
  // container the run does not own): they get SIGTERM and a moment before everything is removed.
  const sidecars = containers.filter((container) => container.Labels['dev.faultline.sidecar'] !== undefined);
  await Promise.allSettled(sidecars.map((container) => engine.getContainer(container.Id).stop({ t: 2 })));
  await Promise.allSettled(containers.map((container) => engine.getContainer(container.Id).remove({ force: true, v: true })));
  const networks = await engine.listNetworks({ filters: { name: [runId === undefined ? 'faultline-' : runNetworkName(runId)] } });
  await Promise.allSettled(networks.map((network) => engine.getNetwork(network.Id).remove()));
  const volumes = (await engine.listVolumes({ filters: byLabel })).Volumes ?? [];
  await Promise.allSettled(volumes.map((volume) => engine.getVolume(volume.Name).remove({ force: true })));
  return { containers: containers.length, networks: networks.length, volumes: volumes.length };
}
