// Injects every packet impairment into a throwaway HTTP server container, sends requests through
// it from the host, and prints per kind: the path taken, injection and removal times, what was
// configured next to what was observed (fl-nfqueue's counters, rule counters, qdisc statistics,
// TCP retransmissions and checksum errors), the requests' latency, and whether the namespace's
// iptables rules, qdiscs and links are exactly as before. Exits 1 if any is not.
// Last, a run killed by SIGKILL with two packet faults active: the watchdog's restore journal and
// sweep must leave the namespace as before and no helper container ("crash").
// Usage: ../shared/with-docker-lock npx tsx scripts/check-packet-faults.ts [kind... | crash]
import { GenericContainer, Wait } from 'testcontainers';
import { applyTestcontainersSettings, resolveImageCatalog } from '../src/images/image-catalog.js';
import { PacketFault } from '../src/faults/packet-fault.js';
import { kernelSupport } from '../src/faults/packet-kernel.js';
import type { PacketDirection, PacketImpairment } from '../src/faults/packet-impairment.js';
import { probe } from '../src/probes/http-probe.js';
import { percentile } from '../src/units/stats.js';
import { runLabels } from '../src/topology/run-labels.js';
import { spawnSync } from 'node:child_process';
import { Sidecar } from '../src/faults/sidecar.js';
import { namespaceSnapshotCommand, normaliseSnapshot } from '../src/faults/packet-plan.js';
import { sweepRun } from '../src/topology/run-sweep.js';
import { applyRestores } from '../src/topology/restore-journal.js';

applyTestcontainersSettings();

// Child of the crash check: injects two faults into the given container, then dies by SIGKILL.
if (process.argv[2] === '--crash-child') {
  const target = { name: 'packet-check-target', containerId: () => process.argv[3]! };
  await new PacketFault(target, { kind: 'loss', probability: 0.05 }, 'both').inject();
  await new PacketFault(target, { kind: 'rate', kbitPerSecond: 800 }, 'egress').inject();
  process.kill(process.pid, 'SIGKILL');
}

const cases: Array<{ name: string; impairment: PacketImpairment; direction: PacketDirection; requests: number; body?: number }> = [
  { name: 'loss', impairment: { kind: 'loss', probability: 0.05 }, direction: 'both', requests: 300 },
  { name: 'loss-ingress', impairment: { kind: 'loss', probability: 0.2 }, direction: 'ingress', requests: 200 },
  { name: 'loss-correlated', impairment: { kind: 'loss', probability: 0.05, correlation: 0.5 }, direction: 'egress', requests: 200 },
  { name: 'corruption', impairment: { kind: 'corruption', probability: 0.3 }, direction: 'both', requests: 200 },
  { name: 'duplication', impairment: { kind: 'duplication', probability: 0.1 }, direction: 'both', requests: 200 },
  { name: 'delay', impairment: { kind: 'delay', delayMs: 100, jitterMs: 20 }, direction: 'egress', requests: 50 },
  { name: 'reordering', impairment: { kind: 'reordering', probability: 0.25 }, direction: 'egress', requests: 100, body: 60_000 },
  { name: 'rate', impairment: { kind: 'rate', kbitPerSecond: 800 }, direction: 'egress', requests: 5, body: 100_000 },
  { name: 'rate-ingress', impairment: { kind: 'rate', kbitPerSecond: 800 }, direction: 'ingress', requests: 5, body: 100_000 },
];

const args = process.argv.slice(2);
const only = args.filter((arg) => arg !== 'crash');
const crashCheck = args.length === 0 || args.includes('crash');
// Answers GET /?bytes=N with N bytes, and any POST with the size of its body.
const server = `require('http').createServer((q,s)=>{let n=0;q.on('data',c=>n+=c.length);q.on('end',()=>{const b=Number(new URL(q.url,'http://x').searchParams.get('bytes')||2);s.end(q.method==='POST'?String(n):'x'.repeat(b))})}).listen(8080)`;
const target = await new GenericContainer(resolveImageCatalog().node)
  .withCommand(['node', '-e', server])
  .withExposedPorts(8080)
  .withLabels({ ...runLabels(), 'dev.faultline.service': 'packet-check-target' })
  .withWaitStrategy(Wait.forListeningPorts())
  .start();
const base = `http://127.0.0.1:${target.getMappedPort(8080)}`;
const kernel = await kernelSupport();
console.log(`kernel: netem ${kernel.netem ? 'yes' : 'no'}, iptables backend ${kernel.iptables}`);
let failed = false;
try {
  for (const check of cases.filter((candidate) => args.length === 0 || only.includes(candidate.name))) {
    const fault = new PacketFault({ name: 'packet-check-target', containerId: () => target.getId() }, check.impairment, check.direction, 42);
    const t0 = performance.now();
    await fault.inject();
    const injectMs = performance.now() - t0;
    const durations: number[] = [];
    let errors = 0;
    const sent = performance.now();
    for (let index = 0; index < check.requests; index += 1) {
      const result = check.name === 'rate-ingress'
        ? await probe(base, { method: 'POST', path: '/', body: 'y'.repeat(check.body ?? 2), timeoutMs: 20_000 })
        : await probe(base, { path: `/?bytes=${check.body ?? 2}`, timeoutMs: 20_000 });
      if (result.status !== 200) errors += 1;
      durations.push(result.durationMs);
    }
    const sendingMs = performance.now() - sent;
    const t1 = performance.now();
    let removeError: string | undefined;
    await fault.remove().catch((error: Error) => {
      removeError = error.message;
    });
    const removeMs = performance.now() - t1;
    const parameters = fault.record.parameters as Record<string, unknown>;
    const observed = fault.observed;
    const queue = observed?.queue;
    const kbitObserved = check.body && check.impairment.kind === 'rate' ? ((check.body * check.requests * 8) / sendingMs) : undefined;
    console.log(JSON.stringify({
      kind: check.name,
      configured: fault.record.description,
      paths: fault.paths,
      injectMs: Math.round(injectMs),
      removeMs: Math.round(removeMs),
      requests: check.requests,
      errors,
      p50Ms: Number(percentile(durations, 50).toFixed(1)),
      p99Ms: Number(percentile(durations, 99).toFixed(1)),
      ...(queue ? { queue: { seen: queue.seen, dropped: queue.dropped, corrupted: queue.corrupted, duplicated: queue.duplicated, delayed: queue.delayed, reordered: queue.reordered, meanAddedMs: queue.delayed ? Number((queue.delayAddedMs / queue.delayed).toFixed(1)) : 0, errors: queue.errors } } : {}),
      ...(observed?.statistic ? { statistic: observed.statistic, observedLoss: Number((observed.statistic.dropped / Math.max(1, observed.statistic.seen)).toFixed(4)) } : {}),
      ...(observed?.qdiscs ? { qdiscs: observed.qdiscs } : {}),
      ...(kbitObserved ? { observedKbitPerSecond: Number(kbitObserved.toFixed(1)) } : {}),
      tcp: Object.fromEntries(Object.entries(observed?.tcp ?? {}).filter(([, value]) => value !== 0)),
      namespaceRestored: parameters.namespaceRestored,
      ...(removeError ? { removeError } : {}),
    }));
    if (removeError || parameters.namespaceRestored !== true) failed = true;
  }
  if (crashCheck && !(await crashIsUndone(target.getId()))) failed = true;
} finally {
  await target.stop({ timeout: 0 });
}

/**
 * A run killed with SIGKILL while two packet faults are active: what the watchdog does (the restore
 * journal, then the sweep of the run's containers) must leave the namespace as before and no helper.
 */
async function crashIsUndone(targetId: string): Promise<boolean> {
  const crashRun = `pktcrash${process.pid}`;
  const snapshot = async () => {
    const helper = await Sidecar.start(targetId, 'snapshot for the crash check', { network: true, capabilities: ['NET_ADMIN'] });
    try {
      return normaliseSnapshot(await helper.exec(namespaceSnapshotCommand));
    } finally {
      await helper.stop();
    }
  };
  const before = await snapshot();
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-packet-faults.ts', '--crash-child', targetId], { env: { ...process.env, FAULTLINE_RUN_ID: crashRun }, stdio: 'inherit' });
  const during = await snapshot();
  const t0 = performance.now();
  const undone = await applyRestores(crashRun);
  const swept = await sweepRun(crashRun);
  const ms = performance.now() - t0;
  const after = await snapshot();
  const result = { kind: 'crash', childSignal: child.signal, faultsLeftByTheCrash: during !== before, restoresApplied: undone, helpersSwept: swept.containers, undoMs: Math.round(ms), namespaceRestored: after === before };
  console.log(JSON.stringify(result));
  return child.signal === 'SIGKILL' && during !== before && undone === 2 && swept.containers === 2 && after === before;
}
if (failed) {
  console.error('packet faults: a removal failed or left the namespace changed (see above)');
  process.exitCode = 1;
}
