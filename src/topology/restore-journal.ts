// What a fault changed in a container that the run does not own and so cannot simply remove (attach
// mode), kept on disk until the fault is removed. The watchdog applies whatever is left when the run
// ends, however it ends (SIGKILL included): a paused container is thawed, a CPU quota lifted, a
// packet fault's rules and qdiscs deleted (by a helper joined to the container's network namespace).
// Erasable TypeScript only: the watchdog runs it with Node's type stripping.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker } from './docker-client.ts';

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
async function undoPacketFault(entry: Extract<RestoreAction, { action: 'packet-undo' }>): Promise<void> {
  const script = entry.commands.map((command) => `${command.map(quote).join(' ')} || true`).join('; ');
  const helper = await (await docker()).createContainer({
    Image: entry.image,
    Cmd: ['sh', '-c', script],
    HostConfig: { NetworkMode: `container:${entry.containerId}`, CapAdd: ['NET_ADMIN', 'NET_RAW'], AutoRemove: true },
  });
  try {
    await helper.start();
  } catch (error) {
    await helper.remove({ force: true }).catch(() => undefined);
    throw error;
  }
  await helper.wait();
}

async function restore(entry: RestoreAction): Promise<void> {
  if (entry.action === 'packet-undo') return undoPacketFault(entry);
  const container = (await docker()).getContainer(entry.containerId);
  if (entry.action === 'unpause') await container.unpause();
  else await container.update({ CpuQuota: entry.cpuQuota, CpuPeriod: entry.cpuPeriod });
}

/** Notes what must be undone if the run dies before the fault is removed. */
export function noteRestore(runId: string, entry: RestoreAction): void {
  write(runId, [...read(runId).filter((other) => !same(other, entry)), entry]);
}

/** The fault was removed normally: nothing left to undo for it. */
export function clearRestore(runId: string, entry: RestoreAction): void {
  write(runId, read(runId).filter((other) => !same(other, entry)));
}

/** Applies every pending restoration (containers that are gone, or already restored, are skipped) and empties the journal. */
export async function applyRestores(runId: string): Promise<number> {
  const pending = read(runId);
  let applied = 0;
  for (const entry of pending) {
    try {
      await restore(entry);
      applied++;
    } catch {
      // Gone or already as it was: nothing left to undo.
    }
  }
  write(runId, []);
  return applied;
}
