// The run's own reaper, used when Ryuk is unavailable (and harmless beside it): a detached process
// that waits for the test process to end, however it ends (normal exit, Ctrl-C, SIGKILL), then
// undoes what a fault did to a container it does not own (restore-journal.ts), then removes every
// container and volume labelled with the run's id, and the run's network.
// Usage: node watchdog.ts <pid> <run-id>. Erasable TypeScript only: runs with Node's type stripping.
import { sweepRun } from './run-sweep.ts';
import { applyRestores } from './restore-journal.ts';

const [pidText, runId] = process.argv.slice(2);
const pid = Number(pidText);
if (!Number.isInteger(pid) || !runId) {
  console.error('usage: watchdog.ts <pid> <run-id>');
  process.exit(2);
}

function alive(): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const timer = setInterval(() => {
  if (alive()) return;
  clearInterval(timer);
  // Containers the run does not own (attach mode) get back what a fault took, before the sweep.
  applyRestores(runId)
    .then((restored) => {
      if (restored > 0) console.error(`faultline watchdog: run ${runId} ended; undid ${restored} container fault(s)`);
    })
    .catch((error: unknown) => console.error(`faultline watchdog: restoring containers of run ${runId} failed: ${String(error)}`))
    .then(() => sweepRun(runId))
    .then(
    (result) => {
      if (result.containers + result.networks + result.volumes > 0) {
        console.error(`faultline watchdog: run ${runId} ended; removed ${result.containers} containers, ${result.networks} networks, ${result.volumes} volumes`);
      }
    },
    (error: unknown) => console.error(`faultline watchdog: cleanup of run ${runId} failed: ${String(error)}`),
  );
}, 250);
