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
