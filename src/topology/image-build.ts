import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { FaultlineError } from '../errors.js';
import { buildContextStream } from '../images/build-context.js';
import { buildFailureHint, failedDockerfileLine, readBuildEvents, type BuildEvent } from '../images/docker-build-output.js';
import { ensureFixtureBundle } from '../images/fixture-bundle.js';
import type { ImageSource } from './topology-spec.js';

/** Lines of Docker's build output an error shows. */
const shownBuildLines = 25;

/**
 * Builds a service image from its Dockerfile (Docker's layer cache makes a rebuild cheap), through
 * the runtime client Testcontainers uses. A failed build is an error with Docker's own output and
 * the Dockerfile line that failed; Testcontainers' own build keeps that output to its debug log.
 */
export function buildImage(source: Extract<ImageSource, { kind: 'dockerfile' }>, service: string): Promise<string> {
  // One build per image and process: the stacks a run starts after the first (disaster recovery,
  // events, cache and saga) reuse it instead of sending the same context to Docker again.
  const key = JSON.stringify([source.tag, source.context, source.buildArgs ?? {}]);
  let build = builds.get(key);
  if (!build) {
    build = buildOnce(source, service);
    builds.set(key, build);
    build.catch(() => builds.delete(key));
  }
  return build;
}

const builds = new Map<string, Promise<string>>();

async function buildOnce(source: Extract<ImageSource, { kind: 'dockerfile' }>, service: string): Promise<string> {
  const dockerfile = join(source.context, 'Dockerfile');
  if (!existsSync(dockerfile)) {
    throw new FaultlineError('FL_IMAGE_BUILD_FAILED', `the image of "${service}" is built from ${dockerfile}, which does not exist; fix the build context in the configuration or give an image instead`);
  }
  await ensureFixtureBundle(source.context);
  const { dockerode } = (await getContainerRuntimeClient()).container;
  let events: BuildEvent[];
  try {
    const stream = await dockerode.buildImage(buildContextStream(source.context), {
      t: source.tag,
      buildargs: { ...(source.buildArgs ?? {}) },
      // The classic builder: its JSON stream names each step, which is how a failure finds its Dockerfile line.
      version: '1',
    });
    events = await new Promise<BuildEvent[]>((done, fail) => {
      dockerode.modem.followProgress(stream, (error: Error | null, output: BuildEvent[]) => (error ? fail(error) : done(output)));
    });
  } catch (error) {
    throw new FaultlineError('FL_IMAGE_BUILD_FAILED', `building the image of "${service}" from ${source.context} failed before Docker ran a step: ${(error as Error).message}`, { cause: error });
  }
  const output = readBuildEvents(events);
  if (output.error === undefined) return source.tag;
  const line = failedDockerfileLine(output, readFileSync(dockerfile, 'utf8'));
  const where = line === undefined ? dockerfile : `${dockerfile}:${line}${output.lastStep ? ` (${output.lastStep.instruction})` : ''}`;
  const from = /^FROM\s+(?:--\S+\s+)?(\S+)/i.exec(output.lastStep?.instruction ?? '');
  const missingBase = from !== null && missingImagePattern.test(output.error);
  const usesBaseArgument = from !== null && /\$\{?BASE_IMAGE\}?/.test(from[1]!);
  const baseImage = usesBaseArgument ? (source.buildArgs?.BASE_IMAGE ?? from![1]!) : from?.[1];
  const shown = output.lines.slice(-shownBuildLines).map((text) => `    ${text}`).join('\n');
  throw new FaultlineError(
    missingBase ? 'FL_IMAGE_MISSING' : 'FL_IMAGE_BUILD_FAILED',
    `building the image of "${service}" failed at ${where}: ${output.error}
  ${missingBase ? `its base image ${baseImage} is neither present nor pullable: ${usesBaseArgument ? 'set FAULTLINE_NODE_IMAGE to a Node image you have (`npm run setup` builds one in a Faultline checkout)' : `pull or build ${baseImage}, or change that FROM line to an image you have`}` : buildFailureHint(output, source.context)}
  Docker's build output (last ${Math.min(shownBuildLines, output.lines.length)} of ${output.lines.length} lines):
${shown}`,
  );
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
