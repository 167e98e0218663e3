import { getContainerRuntimeClient } from 'testcontainers';
import { FaultlineError } from '../errors.js';
import { dockerApi, dockerSocketPath } from './docker-api.js';

function unreachable(error: unknown): FaultlineError {
  return new FaultlineError(
    'FL_DOCKER_UNREACHABLE',
    `no Docker engine answered (DOCKER_HOST=${process.env.DOCKER_HOST ?? 'unset'}, socket ${dockerSocketPath()}): ${(error as Error).message}`,
    { cause: error },
  );
}

/**
 * Pings the engine the run will use. A local socket is pinged directly: Testcontainers would
 * silently fall back to another engine when the one DOCKER_HOST names does not answer.
 */
export async function ensureDockerReachable(): Promise<void> {
  const host = process.env.DOCKER_HOST;
  if (host === undefined || host.startsWith('unix://')) {
    try {
      const { status } = await dockerApi('GET', '/_ping');
      if (status !== 200) throw new Error(`/_ping answered ${status}`);
    } catch (error) {
      throw unreachable(error);
    }
  }
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    throw unreachable(error);
  }
}
