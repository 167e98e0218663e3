// What a fault changed in a container that the run does not own and so cannot simply remove (attach
// mode), kept on disk until the fault is removed. The watchdog applies whatever is left when the run
// ends, however it ends (SIGKILL included): a paused container is thawed, a CPU quota lifted, a
// packet fault's rules and qdiscs deleted (by a helper joined to the container's network namespace).
// Erasable TypeScript only: the watchdog runs it with Node's type stripping.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerApi } from './docker-api.ts';

export type RestoreAction =
  | { readonly action: 'unpause'; readonly containerId: string }
  | { readonly action: 'cpu-quota'; readonly containerId: string; readonly cpuQuota: number; readonly cpuPeriod: number }
  | { readonly action: 'packet-undo'; readonly containerId: string; readonly key: string; readonly image: string; readonly commands: ReadonlyArray<readonly string[]> };

export function restoreJournalPath(runId: string): string {
  return join(tmpdir(), `faultline-restore-${runId}.json`);
}

function read(runId: string): RestoreAction[] {
  try {
    return JSON.parse(readFileSync(restoreJournalPath(runId), 'utf8')) as RestoreAction[];
  } catch {
    return [];
  }
}

function write(runId: string, actions: readonly RestoreAction[]): void {
  if (actions.length === 0) rmSync(restoreJournalPath(runId), { force: true });
  else writeFileSync(restoreJournalPath(runId), JSON.stringify(actions));
}

const keyOf = (entry: RestoreAction) => (entry.action === 'packet-undo' ? entry.key : '');
const same = (a: RestoreAction, b: RestoreAction) => a.action === b.action && a.containerId === b.containerId && keyOf(a) === keyOf(b);

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/** Runs a packet fault's removal commands from a throwaway helper in the target's network namespace. */
async function undoPacketFault(entry: Extract<RestoreAction, { action: 'packet-undo' }>): Promise<number> {
  const script = entry.commands.map((command) => `${command.map(quote).join(' ')} || true`).join('; ');
  const created = await dockerApi('POST', '/containers/create', undefined, {
    Image: entry.image,
    Cmd: ['sh', '-c', script],
    HostConfig: { NetworkMode: `container:${entry.containerId}`, CapAdd: ['NET_ADMIN', 'NET_RAW'], AutoRemove: true },
  });
  if (created.status >= 300) return created.status;
  const { Id } = JSON.parse(created.body) as { Id: string };
  const started = await dockerApi('POST', `/containers/${Id}/start`);
  if (started.status >= 300) {
    await dockerApi('DELETE', `/containers/${Id}?force=1`);
    return started.status;
  }
  return (await dockerApi('POST', `/containers/${Id}/wait`)).status;
}

/** Notes what must be undone if the run dies before the fault is removed. */
export function noteRestore(runId: string, entry: RestoreAction): void {
  write(runId, [...read(runId).filter((other) => !same(other, entry)), entry]);
}

/** The fault was removed normally: nothing left to undo for it. */
export function clearRestore(runId: string, entry: RestoreAction): void {
  write(runId, read(runId).filter((other) => !same(other, entry)));
}

/** Applies every pending restoration (containers that are gone are skipped) and empties the journal. */
export async function applyRestores(runId: string): Promise<number> {
  const pending = read(runId);
  let applied = 0;
  for (const entry of pending) {
    const { status } =
      entry.action === 'unpause'
        ? await dockerApi('POST', `/containers/${entry.containerId}/unpause`)
        : entry.action === 'packet-undo'
          ? { status: await undoPacketFault(entry) }
          : await dockerApi('POST', `/containers/${entry.containerId}/update`, undefined, { CpuQuota: entry.cpuQuota, CpuPeriod: entry.cpuPeriod });
    if (status < 300) applied++;
  }
  write(runId, []);
  return applied;
}
