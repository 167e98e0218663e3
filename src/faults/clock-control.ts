import { FaultlineError } from '../errors.js';
import { imageVariable } from '../images/image-catalog.js';
import { docker, dockerMessage, dockerStatus } from '../topology/docker-client.js';
import { chaosImage } from './chaos-image.js';

/**
 * A clock the suite can move: the service is started with Debian's libfaketime preloaded (copied in
 * from the chaos helper image, so its own image needs nothing but glibc). libfaketime reads the
 * offset from a file on every call, so the wall clock jumps while the process runs, as after an NTP
 * step; the monotonic clock is left alone, as an NTP step leaves it.
 */
export const clockFile = '/tmp/faultline-clock';
const libraryInImage = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
const libraryInTarget = '/opt/faultline/libfaketime.so.1';

export const controllableClockEnvironment: Readonly<Record<string, string>> = {
  LD_PRELOAD: libraryInTarget,
  FAKETIME_TIMESTAMP_FILE: clockFile,
  FAKETIME_NO_CACHE: '1',
  FAKETIME_DONT_FAKE_MONOTONIC: '1',
};

export function hasControllableClock(environment: Readonly<Record<string, string>>): boolean {
  return environment.LD_PRELOAD === libraryInTarget;
}

let library: Promise<Buffer> | undefined;

/** The files a service needs for a controllable clock: the library and a clock file at +0. */
export async function controllableClockFiles(): Promise<Array<{ content: Buffer; target: string; mode: number }>> {
  library ??= chaosImage().then((image) => readFromImage(image, libraryInImage));
  return [
    { content: await library, target: libraryInTarget, mode: 0o755 },
    { content: Buffer.from(clockOffsetText(0)), target: clockFile, mode: 0o666 },
  ];
}

/** libfaketime's relative form: "+3600" or "-30" seconds. */
export function clockOffsetText(offsetSeconds: number): string {
  return `${offsetSeconds >= 0 ? '+' : '-'}${Math.abs(Math.round(offsetSeconds))}\n`;
}

async function readFromImage(image: string, path: string): Promise<Buffer> {
  const engine = await docker();
  const container = await engine.createContainer({ Image: image, Cmd: ['true'] }).catch((error: unknown) => {
    throw new FaultlineError('FL_IMAGE_MISSING', `the chaos helper image ${image} (for a controllable clock) is not available: ${dockerMessage(error).trim()}. Build it with \`bash scripts/setup.sh\` or set ${imageVariable('chaos')}`, { cause: error });
  });
  try {
    const archive = await container.getArchive({ path }).catch((error: unknown) => {
      throw new FaultlineError('FL_CONTAINER_FAULT', `${image} has no ${path} (${dockerStatus(error) ?? dockerMessage(error)}); it must contain Debian's libfaketime`, { cause: error });
    });
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return firstTarEntry(Buffer.concat(chunks));
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The content of the first file in a tar archive (ustar: 512-byte header, size in octal at 124). */
export function firstTarEntry(tar: Buffer): Buffer {
  const size = parseInt(tar.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim(), 8);
  if (!Number.isFinite(size) || tar.length < 512 + size) throw new Error('not a tar archive with a file in it');
  return tar.subarray(512, 512 + size);
}
