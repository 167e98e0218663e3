import { dockerApi } from '../topology/docker-api.js';
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
  const filters = encodeURIComponent(JSON.stringify({ label: [`${runLabelKey}=${runId}`, 'dev.faultline.sidecar'] }));
  const { body } = await dockerApi('GET', `/containers/json?all=1&filters=${filters}`);
  for (const sidecar of JSON.parse(body) as Array<{ Labels: Record<string, string> }>) found.push(`a fault sidecar is still there (${sidecar.Labels['dev.faultline.sidecar']})`);
  return found;
}
