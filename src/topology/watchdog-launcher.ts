import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runId } from './run-labels.js';

let started = false;

/**
 * Starts the detached watchdog once per process. It outlives this process and removes the run's
 * containers and network when it ends, even by SIGKILL, where no hook of ours can run.
 */
export function startWatchdog(): void {
  if (started) return;
  started = true;
  // Beside this file: watchdog.ts in a checkout (Node strips its types), watchdog.js once compiled.
  const script = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './watchdog.ts' : './watchdog.js', import.meta.url));
  const child = spawn(process.execPath, [script, String(process.pid), runId], { detached: true, stdio: ['ignore', 'ignore', 'inherit'] });
  child.unref();
}
