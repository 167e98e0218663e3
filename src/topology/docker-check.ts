import { getContainerRuntimeClient } from 'testcontainers';
import { FaultlineError } from '../errors.js';

export async function ensureDockerReachable(): Promise<void> {
  try {
    await getContainerRuntimeClient();
  } catch (error) {
    throw new FaultlineError(
      'FL_DOCKER_UNREACHABLE',
      `no Docker engine answered (DOCKER_HOST=${process.env.DOCKER_HOST ?? 'unset'}): ${(error as Error).message}`,
      { cause: error },
    );
  }
}
