// A minimal Docker Engine API client over its Unix socket, dependency-free so that the watchdog
// (a separate, plain Node process) can use it too. Erasable TypeScript only: runs with type stripping.
import { request } from 'node:http';

export function dockerSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  const host = env.DOCKER_HOST;
  if (host && host.startsWith('unix://')) return host.slice('unix://'.length);
  return '/var/run/docker.sock';
}

export function dockerApi(method: string, path: string, socketPath = dockerSocketPath(), json?: unknown): Promise<{ status: number; body: string; raw: Buffer }> {
  const payload = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers: Record<string, string | number> = { host: 'docker' };
  if (payload) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(parts);
        resolve({ status: res.statusCode ?? 0, body: raw.toString('utf8'), raw });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`Docker API ${method} ${path} timed out`)));
    req.end(payload);
  });
}

export interface SweepResult {
  readonly containers: number;
  readonly networks: number;
  readonly volumes: number;
}

/** Prefix of the run's network names; the sweep finds them by it (Docker's name filter matches substrings), as Testcontainers sets their labels. */
export function runNetworkName(runId: string): string {
  return `faultline-${runId}`;
}

/**
 * Removes every container and volume labelled with the run's id, and the run's networks. Without a
 * run id: those of every Faultline run (`faultline down`).
 */
export async function sweepRun(runId?: string, socketPath = dockerSocketPath()): Promise<SweepResult> {
  const filters = encodeURIComponent(JSON.stringify({ label: [runId === undefined ? 'dev.faultline.run' : `dev.faultline.run=${runId}`] }));
  const byName = encodeURIComponent(JSON.stringify({ name: [runId === undefined ? 'faultline-' : runNetworkName(runId)] }));
  const listed = async (path: string): Promise<Array<{ Id?: string; Name?: string }>> => {
    const { status, body } = await dockerApi('GET', path, socketPath);
    if (status !== 200) throw new Error(`Docker API GET ${path} answered ${status}: ${body}`);
    const parsed = JSON.parse(body) as unknown;
    return Array.isArray(parsed) ? parsed : ((parsed as { Volumes?: Array<{ Name: string }> }).Volumes ?? []);
  };
  const containers = await listed(`/containers/json?all=1&filters=${filters}`);
  // Fault sidecars undo what they set in a target's namespace when stopped (a DNS rule in a
  // container the run does not own): they get SIGTERM and a moment before everything is removed.
  const sidecars = containers.filter((c) => (c as { Labels?: Record<string, string> }).Labels?.['dev.faultline.sidecar'] !== undefined);
  await Promise.all(sidecars.map((c) => dockerApi('POST', `/containers/${c.Id}/stop?t=2`, socketPath)));
  await Promise.all(containers.map((c) => dockerApi('DELETE', `/containers/${c.Id}?force=1&v=1`, socketPath)));
  const networks = await listed(`/networks?filters=${byName}`);
  await Promise.all(networks.map((n) => dockerApi('DELETE', `/networks/${n.Id}`, socketPath)));
  const volumes = await listed(`/volumes?filters=${filters}`);
  await Promise.all(volumes.map((v) => dockerApi('DELETE', `/volumes/${v.Name}?force=1`, socketPath)));
  return { containers: containers.length, networks: networks.length, volumes: volumes.length };
}
