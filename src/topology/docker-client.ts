// The Docker engine the run uses, as Testcontainers found it (TESTCONTAINERS_HOST_OVERRIDE,
// DOCKER_HOST, ~/.testcontainers.properties, the local socket): every Docker call of the suite goes
// through its dockerode, so the sweep, the watchdog and the faults reach the engine the containers
// were started on. Erasable TypeScript only: the watchdog runs it with Node's type stripping.
import { getContainerRuntimeClient } from 'testcontainers';

export type Docker = Awaited<ReturnType<typeof getContainerRuntimeClient>>['container']['dockerode'];

export async function docker(): Promise<Docker> {
  return (await getContainerRuntimeClient()).container.dockerode;
}

/** The engine's HTTP status for a failed call (404: no such container, 304: already so), when it answered. */
export function dockerStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** What the engine said, without dockerode's "(HTTP code 404) no such container -" prefix. */
export function dockerMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | null | undefined)?.json;
  return typeof json?.message === 'string' ? json.message : error instanceof Error ? error.message : String(error);
}
