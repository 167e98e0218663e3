import { GenericContainer } from 'testcontainers';
import { FaultlineError } from '../errors.js';
import type { ImageSource } from './topology-spec.js';

/** Builds a service image from its Dockerfile (Docker's layer cache makes a rebuild cheap). */
export async function buildImage(source: Extract<ImageSource, { kind: 'dockerfile' }>, service: string): Promise<string> {
  try {
    await GenericContainer.fromDockerfile(source.context)
      .withBuildArgs({ ...(source.buildArgs ?? {}) })
      .withCache(true)
      .build(source.tag, { deleteOnExit: false });
    return source.tag;
  } catch (error) {
    const message = (error as Error).message;
    const base = source.buildArgs?.BASE_IMAGE;
    const hint = base && /pull|not found|manifest|registry/i.test(message)
      ? ` (its base image ${base} is missing: run \`npm run setup\` or set FAULTLINE_NODE_IMAGE)`
      : '';
    throw new FaultlineError(
      /pull|not found|manifest|registry/i.test(message) ? 'FL_IMAGE_MISSING' : 'FL_CONTAINER_FAILED',
      `building the image of "${service}" from ${source.context} failed${hint}: ${message}`,
      { cause: error },
    );
  }
}

const missingImagePattern = /pull access denied|not found|no such image|manifest unknown|repository does not exist|failed to resolve reference|lookup .* no such host/i;

/** The error to raise when starting a container failed: a missing image gets its own code and fix. */
export function containerStartError(what: string, image: string, imageVariable: string | undefined, error: unknown, details = ''): FaultlineError {
  const message = (error as Error).message;
  if (missingImagePattern.test(message)) {
    return new FaultlineError(
      'FL_IMAGE_MISSING',
      `image ${image} of ${what} is not present and could not be pulled${imageVariable ? ` (set by ${imageVariable})` : ''}: ${message}`,
      { cause: error },
    );
  }
  return new FaultlineError('FL_CONTAINER_FAILED', `${what} (image ${image}) did not become ready: ${message}${details}`, { cause: error });
}
