// A container someone else started (docker compose), seen through the parts of Testcontainers'
// StartedTestContainer that the suite uses, through Testcontainers' dockerode.
import { Readable } from 'node:stream';
import { docker, dockerMessage, dockerStatus } from './docker-client.js';

export interface ContainerInspect {
  readonly Id: string;
  readonly Image: string;
  readonly Config: { readonly Env?: readonly string[]; readonly Labels?: Readonly<Record<string, string>> };
  readonly NetworkSettings: {
    readonly Ports?: Readonly<Record<string, ReadonlyArray<{ readonly HostIp: string; readonly HostPort: string }> | null>>;
    readonly Networks?: Readonly<Record<string, unknown>>;
  };
  readonly State?: { readonly Running?: boolean };
}

export async function inspectContainer(id: string): Promise<ContainerInspect> {
  try {
    return (await (await docker()).getContainer(id).inspect()) as ContainerInspect;
  } catch (error) {
    throw new Error(`inspecting container ${id} answered ${dockerStatus(error) ?? 'nothing'}: ${dockerMessage(error)}`, { cause: error });
  }
}

/** Splits Docker's multiplexed log stream (8-byte frame headers) into text. */
export function demuxLogs(raw: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const size = raw.readUInt32BE(offset + 4);
    parts.push(raw.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

export class AttachedContainer {
  constructor(private inspect: ContainerInspect) {}

  getId(): string {
    return this.inspect.Id;
  }

  /** The image id it runs (a replacement starts from the same). */
  get image(): string {
    return this.inspect.Image;
  }

  get environment(): Record<string, string> {
    return Object.fromEntries((this.inspect.Config.Env ?? []).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  }

  /** Host port of a published container port; fails with the published ones listed when it is not. */
  getMappedPort(port: number): number {
    const bindings = this.inspect.NetworkSettings.Ports?.[`${port}/tcp`];
    const binding = bindings?.find((candidate) => candidate.HostIp === '127.0.0.1' || candidate.HostIp === '0.0.0.0') ?? bindings?.[0];
    if (!binding) {
      const published = Object.entries(this.inspect.NetworkSettings.Ports ?? {}).filter(([, value]) => value && value.length > 0).map(([key]) => key);
      throw new Error(`port ${port} of container ${this.inspect.Id.slice(0, 12)} is not published to the host (published: ${published.join(', ') || 'none'}); publish it in docker-compose.yml`);
    }
    return Number(binding.HostPort);
  }

  /** Stops, never removes: the container is someone else's. */
  async stop(): Promise<void> {
    await (await docker())
      .getContainer(this.inspect.Id)
      .stop({ t: 0 })
      .catch(() => undefined);
  }

  /** Starts it again and refreshes what is known of it (published ports can change). */
  async restart(): Promise<void> {
    try {
      await (await docker()).getContainer(this.inspect.Id).start();
    } catch (error) {
      // 304: it was running already.
      if (dockerStatus(error) !== 304) throw new Error(`restarting attached container ${this.inspect.Id.slice(0, 12)} answered ${dockerStatus(error) ?? 'nothing'}: ${dockerMessage(error)}`, { cause: error });
    }
    this.inspect = await inspectContainer(this.inspect.Id);
  }

  async logs(options: { tail?: number } = {}): Promise<Readable> {
    const raw = await (await docker()).getContainer(this.inspect.Id).logs({ stdout: true, stderr: true, tail: options.tail ?? 100, follow: false });
    return Readable.from([demuxLogs(raw)]);
  }

  async exec(): Promise<never> {
    throw new Error('exec is not available on a container of an attached stack');
  }
}
