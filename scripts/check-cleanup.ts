// Shows that a run leaves nothing behind, however it ends: a normal run, a failed run, Ctrl-C
// (SIGINT) and SIGKILL in the middle of a scenario. Each case runs cucumber with its own run id
// and then checks, within 15 s, that no container, network or volume of that run remains.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { docker } from '../src/topology/docker-client.js';
import { projectRoot } from '../src/project-root.js';
import { restoreJournalPath } from '../src/topology/restore-journal.js';
import { runNetworkName } from '../src/topology/run-sweep.js';

const boundMs = 15_000;

async function leftovers(runId: string): Promise<number> {
  const engine = await docker();
  const byLabel = { label: [`dev.faultline.run=${runId}`] };
  const containers = await engine.listContainers({ all: true, filters: byLabel });
  const networks = await engine.listNetworks({ filters: { name: [runNetworkName(runId)] } });
  const volumes = (await engine.listVolumes({ filters: byLabel })).Volumes ?? [];
  // What the watchdog must undo in containers the run does not own (restore-journal.ts) counts too.
  return containers.length + networks.length + volumes.length + (existsSync(restoreJournalPath(runId)) ? 1 : 0);
}

/** The run's containers that are paused, and its fault sidecars. */
async function activeContainerFaults(runId: string): Promise<{ paused: number; sidecars: number }> {
  const containers = await (await docker()).listContainers({ all: true, filters: { label: [`dev.faultline.run=${runId}`] } });
  return { paused: containers.filter((c) => c.State === 'paused').length, sidecars: containers.filter((c) => c.Labels['dev.faultline.sidecar'] !== undefined).length };
}

function cucumber(runId: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const cli = join(projectRoot, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  return spawn(process.execPath, [cli, '--profile', 'mutant', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env, FAULTLINE_RUN_ID: runId, FAULTLINE_REPORTS_DIR: join(projectRoot, 'reports', 'cleanup') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

async function settle(runId: string): Promise<{ remaining: number; ms: number }> {
  const started = performance.now();
  let remaining = await leftovers(runId);
  while (remaining > 0 && performance.now() - started < boundMs) {
    await sleep(250);
    remaining = await leftovers(runId);
  }
  return { remaining, ms: performance.now() - started };
}

const scenario = ['--name', 'The payment link goes down, then comes back'];
// Holds a paused database, a CPU quota, CPU pressure, a DNS failure and a packet delay (three sidecars) at once.
const containerFaults = ['scripts/fault-removal/fault-removal.feature', '--name', 'A step throws while faults are active'];
const cases: Array<{ name: string; run: (runId: string) => Promise<string> }> = [
  { name: 'normal run', run: async (runId) => `exit ${await exited(cucumber(runId, scenario))}` },
  { name: 'failed run', run: async (runId) => `exit ${await exited(cucumber(runId, ['--tags', '@timeouts', '--name', 'One attempt'], { FAULTLINE_MUTANT: 'no-attempt-timeout' }))}` },
  ...(['SIGINT', 'SIGKILL'] as const).map((signal) => ({
    name: `${signal} mid-scenario, with container faults active (paused, CPU quota and pressure, DNS, packet delay)`,
    run: async (runId: string) => {
      const child = cucumber(runId, containerFaults);
      for (let waited = 0; waited < 120_000; waited += 100) {
        const active = await activeContainerFaults(runId);
        if (active.paused >= 1 && active.sidecars >= 3) break;
        await sleep(100);
      }
      const active = await activeContainerFaults(runId);
      child.kill(signal);
      // Killed before the faults were in place, the case would prove nothing.
      if (active.paused < 1 || active.sidecars < 3) throw new Error(`${signal}: the container faults never became active (${active.paused} paused, ${active.sidecars} sidecars)`);
      return `${active.paused} paused, ${active.sidecars} sidecars when killed by ${signal}, exit ${await exited(child)}`;
    },
  })),
];

let failures = 0;
for (const check of cases) {
  const runId = `cleanup-${randomUUID().slice(0, 6)}`;
  const how = await check.run(runId);
  const { remaining, ms } = await settle(runId);
  const ok = remaining === 0;
  if (!ok) failures += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${check.name} (${how}): ${remaining} resources left after ${(ms / 1000).toFixed(1)} s (bound ${boundMs / 1000} s)`);
}
console.log(`${cases.length - failures} passed, ${failures} failed`);
if (failures > 0) process.exitCode = 1;
