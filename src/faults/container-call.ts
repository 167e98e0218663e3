import { FaultlineError } from '../errors.js';
import { docker, dockerMessage, dockerStatus } from '../topology/docker-client.js';

export type ContainerAction = 'pause' | 'unpause' | 'update';

/** One engine call on a container for a fault; a failure is the fault failing, named, unless its status is in `accept`. */
export async function containerCall(containerId: string, action: ContainerAction, what: string, settings?: Record<string, unknown>, accept: readonly number[] = []): Promise<void> {
  const container = (await docker()).getContainer(containerId);
  try {
    await (action === 'update' ? container.update(settings ?? {}) : action === 'pause' ? container.pause() : container.unpause());
  } catch (error) {
    const status = dockerStatus(error);
    if (status !== undefined && accept.includes(status)) return;
    throw new FaultlineError('FL_CONTAINER_FAULT', `${what}: the Docker engine answered ${status ?? 'nothing'} to ${action} on container ${containerId.slice(0, 12)}: ${dockerMessage(error).trim()}`, { cause: error });
  }
}

export async function inspectContainer<T>(containerId: string): Promise<T> {
  try {
    return (await (await docker()).getContainer(containerId).inspect()) as unknown as T;
  } catch (error) {
    throw new FaultlineError('FL_CONTAINER_FAULT', `inspecting container ${containerId.slice(0, 12)} failed: ${dockerStatus(error) ?? ''} ${dockerMessage(error).trim()}`, { cause: error });
  }
}
