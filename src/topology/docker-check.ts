import { getContainerRuntimeClient } from 'testcontainers';
import { FaultlineError } from '../errors.js';

/** The socket DOCKER_HOST names (unix://...), else Docker's default one. */
function namedSocket(): string {
  const host = process.env.DOCKER_HOST;
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

function unreachable(error: unknown): FaultlineError {
  return new FaultlineError(
    'FL_DOCKER_UNREACHABLE',
    `no Docker engine answered (DOCKER_HOST=${process.env.DOCKER_HOST ?? 'unset'}, socket ${namedSocket()}): ${(error as Error).message}`,
    { cause: error },
  );
}

/**
 * Finds the engine the run will use. When DOCKER_HOST names a local socket, the engine found must
 * be that one: Testcontainers silently falls back to another engine when the named one does not answer.
 */
export async function ensureDockerReachable(): Promise<void> {
  let client: Awaited<ReturnType<typeof getContainerRuntimeClient>>;
  try {
    client = await getContainerRuntimeClient();
  } catch (error) {
    throw unreachable(error);
  }
  const host = process.env.DOCKER_HOST;
  // docker-modem keeps the socket it dials, though its types do not say so.
  const used = (client.container.dockerode.modem as { socketPath?: string }).socketPath;
  if (host?.startsWith('unix://') && used !== namedSocket()) {
    throw unreachable(new Error(`it did not answer, and Testcontainers fell back to ${used === undefined ? 'another engine' : `the one at ${used}`}`));
  }
}
