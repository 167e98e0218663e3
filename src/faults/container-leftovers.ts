import { docker } from '../topology/docker-client.js';
import { runLabelKey, runId } from '../topology/run-labels.js';
import { inspectContainer } from './container-call.js';

interface Inspected {
  readonly Name: string;
  readonly State: { readonly Paused?: boolean; readonly Running?: boolean };
  readonly HostConfig: { readonly CpuQuota?: number };
}

/**
 * What container-level faults could leave behind, read from the engine rather than from what the
 * scenario believes it injected: a paused container, a CPU quota, a fault sidecar still running.
 * Returns one sentence per leftover; none when everything is clean.
 */
export async function containerFaultLeftovers(containerIds: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of containerIds) {
    const { Name, State, HostConfig } = await inspectContainer<Inspected>(id);
    if (State.Paused) found.push(`${Name.replace(/^\//, '')} is paused`);
    if (HostConfig.CpuQuota !== undefined && HostConfig.CpuQuota > 0) found.push(`${Name.replace(/^\//, '')} has a CPU quota of ${HostConfig.CpuQuota} µs per period`);
  }
  const sidecars = await (await docker()).listContainers({ all: true, filters: { label: [`${runLabelKey}=${runId}`, 'dev.faultline.sidecar'] } });
  for (const sidecar of sidecars) found.push(`a fault sidecar is still there (${sidecar.Labels['dev.faultline.sidecar']})`);
  return found;
}
