// Throughput of GET /orders/:id through the balancer with 1 replica in rotation against 3, on this
// machine: `node --import tsx src/replicas/replica-throughput.ts` (starts the replicas stack, prints a
// table, writes reports/bench/replicas.json). Closed-loop autocannon at 20 connections, 4 s windows,
// ABAB so that a drift of the machine falls on both sides; the rate limit is off (each replica has its
// own bucket, which would otherwise make 3 replicas look 3 times faster for no other reason).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { runLoad } from '../load/load-runner.js';
import { placeOrder } from '../probes/orders.js';
import { projectRoot } from '../project-root.js';
import { startStack } from '../stack/stack.js';
import { backendName } from './haproxy-config.js';
import { replicaSetOf } from './replica-set.js';
import { withReplicas } from './replicas-config.js';

const windowS = Number(process.env.FAULTLINE_BENCH_SECONDS ?? 4);
const pairs = Number(process.env.FAULTLINE_BENCH_PAIRS ?? 2);

async function main(): Promise<void> {
  const stack = await startStack(withReplicas(3)(await loadConfig()));
  try {
    const set = replicaSetOf(stack);
    const settings = { RATE_LIMIT_ENABLED: 'false', LOG_LEVEL: 'warn' };
    await stack.service.reconfigure(settings);
    await set.reset(settings, {});
    const apiKey = stack.secret('api-key');
    const seed = await placeOrder(stack.serviceUrl, { apiKey });
    const id = (JSON.parse(seed.body) as { id: string }).id;
    const run = async (inRotation: number) => {
      for (const [index, replica] of set.replicas.entries()) await set.balancer.setState(backendName, replica.server, index < inRotation ? 'ready' : 'maint');
      await set.waitInRotation(set.replicas.slice(0, inRotation).map((replica) => replica.server), 10_000);
      const result = await runLoad({ baseUrl: stack.serviceUrl, path: `/orders/${id}`, headers: { 'x-api-key': apiKey }, connections: 20, durationS: windowS });
      return { replicas: inRotation, rps: Math.round(result.throughputRps), p50Ms: result.latency.p50, p99Ms: result.latency.p99, statuses: JSON.stringify(result.byStatus), errors: result.errors + result.timeouts };
    };
    await run(3); // warm-up, not counted
    const rows = [];
    for (let pair = 0; pair < pairs; pair += 1) {
      const order = pair % 2 === 0 ? [1, 3] : [3, 1];
      for (const count of order) rows.push(await run(count));
    }
    const summary = { cores: cpus().length, loadAverage: loadavg(), windowS, rows };
    mkdirSync(join(projectRoot, 'reports', 'bench'), { recursive: true });
    writeFileSync(join(projectRoot, 'reports', 'bench', 'replicas.json'), `${JSON.stringify(summary, null, 2)}\n`);
    console.table(rows);
  } finally {
    await stack.topology[Symbol.asyncDispose]();
  }
}

await main();
