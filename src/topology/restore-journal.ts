// What a fault changed in a container that the run does not own and so cannot simply remove (attach
// mode), kept on disk until the fault is removed. The watchdog applies whatever is left when the run
// ends, however it ends (SIGKILL included): a paused container is thawed, a CPU quota lifted.
// Erasable TypeScript only: the watchdog runs it with Node's type stripping.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerApi } from './docker-api.ts';

export type RestoreAction =
  | { readonly action: 'unpause'; readonly containerId: string }
  | { readonly action: 'cpu-quota'; readonly containerId: string; readonly cpuQuota: number; readonly cpuPeriod: number };

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

const same = (a: RestoreAction, b: RestoreAction) => a.action === b.action && a.containerId === b.containerId;

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
        : await dockerApi('POST', `/containers/${entry.containerId}/update`, undefined, { CpuQuota: entry.cpuQuota, CpuPeriod: entry.cpuPeriod });
    if (status < 300) applied++;
  }
  write(runId, []);
  return applied;
}
