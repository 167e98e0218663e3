import { FaultlineError } from '../errors.js';
import { dockerApi, dockerSocketPath } from '../topology/docker-api.js';

/** One Engine API call on a container for a fault; anything but a 2xx is the fault failing, named. */
export async function containerCall(containerId: string, action: string, what: string, json?: unknown, accept: readonly number[] = []): Promise<string> {
  const { status, body } = await dockerApi('POST', `/containers/${containerId}/${action}`, dockerSocketPath(), json);
  if (status >= 300 && !accept.includes(status)) {
    throw new FaultlineError('FL_CONTAINER_FAULT', `${what}: the Docker engine answered ${status} to ${action} on container ${containerId.slice(0, 12)}: ${body.trim()}`);
  }
  return body;
}

export async function inspectContainer<T>(containerId: string): Promise<T> {
  const { status, body } = await dockerApi('GET', `/containers/${containerId}/json`);
  if (status !== 200) throw new FaultlineError('FL_CONTAINER_FAULT', `inspecting container ${containerId.slice(0, 12)} failed: ${status} ${body.trim()}`);
  return JSON.parse(body) as T;
}
