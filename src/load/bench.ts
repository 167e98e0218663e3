// npm run bench: figures measured side by side in one run, written to reports/bench/. Not part of
// npm test's verdict; ratios within one run are what to compare across machines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { ToxicFault } from '../faults/toxic-fault.js';
import { openBreaker } from '../probes/breaker-driver.js';
import { placeOrder, sampleOrder } from '../probes/orders.js';
import { warmUp } from '../probes/readiness.js';
import { projectRoot } from '../project-root.js';
import { loadConfig, referenceConfigPath } from '../config/load-config.js';
import { startStack } from '../stack/stack.js';
import { runLoad, type LoadResult } from './load-runner.js';
import { runWrk } from './wrk.js';
import { suiteCost } from './suite-cost.js';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note: string;
}

const figures: Figure[] = [];
const record = (name: string, value: number, unit: string, note = '') => {
  figures.push({ name, value: Number(value.toFixed(2)), unit, note });
  console.log(`${name}: ${value.toFixed(2)} ${unit}${note ? ` (${note})` : ''}`);
};
const describeLoad = (result: LoadResult) =>
  `${result.requests} requests, statuses ${JSON.stringify(result.byStatus)}, ${result.errors} errors, ${result.timeouts} timeouts`;

const benchEnv = { RATE_LIMIT_BURST: '1000000', RATE_LIMIT_REFILL_PER_SEC: '1000000', BULKHEAD_LIMIT: '64', BULKHEAD_QUEUE: '256' };

async function main(): Promise<void> {
  const durationS = Number(process.env.FAULTLINE_BENCH_SECONDS ?? 10);
  const started = performance.now();
  const stack = await startStack(await loadConfig(referenceConfigPath()));
  record('stack start', performance.now() - started, 'ms', 'network, Toxiproxy, PostgreSQL, gateway and order service, images cached');
  try {
    const service = stack.service;
    const restartStarted = performance.now();
    await service.reconfigure(benchEnv);
    record('service restart with a new configuration', performance.now() - restartStarted, 'ms');
    const ingress = stack.topology.linkUrl('ingress');
    const direct = stack.directUrl;
    const apiKey = stack.secret('api-key');
    await warmUp(stack);
    const order = await placeOrder(ingress, { apiKey });
    const orderId = (JSON.parse(order.body) as { id: string }).id;
    const headers = { 'x-api-key': apiKey };

    // 1. Toxiproxy pass-through overhead: the same endpoint direct and through a link without toxics.
    const viaLink = await runLoad({ baseUrl: ingress, path: `/orders/${orderId}`, headers, connections: 50, durationS });
    const viaDirect = await runLoad({ baseUrl: direct, path: `/orders/${orderId}`, headers, connections: 50, durationS });
    record('GET /orders/:id through the ingress link, 50 connections', viaLink.throughputRps, 'req/s', `p50 ${viaLink.latency.p50} ms, p99 ${viaLink.latency.p99} ms; ${describeLoad(viaLink)}`);
    record('GET /orders/:id direct, 50 connections', viaDirect.throughputRps, 'req/s', `p50 ${viaDirect.latency.p50} ms, p99 ${viaDirect.latency.p99} ms`);
    record('Toxiproxy overhead on p50', viaLink.latency.p50 - viaDirect.latency.p50, 'ms');
    record('Toxiproxy overhead on p99', viaLink.latency.p99 - viaDirect.latency.p99, 'ms');

    const posts = await runLoad({
      baseUrl: ingress, path: '/orders', method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(sampleOrder(1)), uniqueIdempotencyKeys: true, connections: 50, durationS,
    });
    record('POST /orders through the ingress link, 50 connections', posts.throughputRps, 'req/s', `p50 ${posts.latency.p50} ms, p99 ${posts.latency.p99} ms; ${describeLoad(posts)}`);

    // 5. Load-generator cross-check: the same endpoint measured by wrk (Debian's package).
    const wrk = runWrk(`${ingress}/orders/${orderId}`, { 'x-api-key': apiKey }, 50, durationS);
    if (wrk) record('GET /orders/:id through the ingress link, 50 connections, wrk', wrk.rps, 'req/s', `p50 ${wrk.p50Ms} ms, p99 ${wrk.p99Ms} ms (autocannon: ${viaLink.throughputRps} req/s)`);
    else record('wrk cross-check', Number.NaN, '', 'wrk is not installed: run `npm run setup`');

    // 2. Latency-injection precision: configured latency vs added p50/p99 on sequential requests.
    const sequential = (path: string) => runLoad({ baseUrl: ingress, path, headers, connections: 1, durationS: 3 });
    const baseline = await sequential('/health/live');
    for (const latency of [50, 200, 1000]) {
      const proxy = () => stack.topology.proxy('ingress');
      const fault = new ToxicFault(proxy, 'ingress', 'latency', { latency, jitter: 0 }, 'downstream');
      await fault.inject();
      const withLatency = await sequential('/health/live');
      await fault.remove();
      record(`latency ${latency} ms injected: added p50`, withLatency.latency.p50 - baseline.latency.p50, 'ms', `added p99 ${(withLatency.latency.p99 - baseline.latency.p99).toFixed(2)} ms over ${withLatency.requests} requests`);
    }

    // 4. Resilience overhead: POST /orders with the policies on vs the same service calling the gateway directly.
    const postLoad = () => runLoad({
      baseUrl: ingress, path: '/orders', method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(sampleOrder(3)), uniqueIdempotencyKeys: true, connections: 50, durationS,
    });
    await service.reconfigure({ ...benchEnv, PAYMENT_POLICIES: 'off' });
    await warmUp(stack);
    const withoutPolicies = await postLoad();
    await service.reconfigure(benchEnv);
    await warmUp(stack);
    const withPolicies = await postLoad();
    record('POST /orders with policies on', withPolicies.throughputRps, 'req/s', `p99 ${withPolicies.latency.p99} ms; ${describeLoad(withPolicies)}`);
    record('POST /orders with policies off (direct gateway call)', withoutPolicies.throughputRps, 'req/s', `p99 ${withoutPolicies.latency.p99} ms`);
    record('resilience overhead on throughput', (1 - withPolicies.throughputRps / withoutPolicies.throughputRps) * 100, '%', 'target <= 5 %');

    // 3. Fail-fast ratio: p99 while the breaker is open vs a request that runs into its timeout.
    await service.reconfigure({ ...benchEnv, BREAKER_THRESHOLD: '3', BREAKER_OPEN_MS: '60000', RETRY_MAX_ATTEMPTS: '1', ATTEMPT_TIMEOUT_MS: '500' });
    // A new container has a new mapped port.
    const restartedDirect = stack.directUrl;
    await warmUp(stack);
    await stack.upstream('payment-gateway').reset();
    const timeoutFault = new ToxicFault(() => stack.topology.proxy('payment'), 'payment', 'timeout', { timeout: 0 }, 'downstream');
    await timeoutFault.inject();
    const timedOut = await placeOrder(ingress, { apiKey });
    await timeoutFault.remove();
    await stack.upstream('payment-gateway').reset();
    await openBreaker(stack.upstream('payment-gateway'), ingress, restartedDirect, { failures: 3, apiKey });
    const open = await runLoad({
      baseUrl: ingress, path: '/orders', method: 'POST', headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(sampleOrder(2)), uniqueIdempotencyKeys: true, connections: 50, durationS: Math.min(durationS, 5),
    });
    record('p99 of 503 while the breaker is open, 50 connections', open.latency.p99, 'ms', describeLoad(open));
    record('timed-out request (attempt timeout 500 ms)', timedOut.durationMs, 'ms', `status ${timedOut.status}`);
    record('fail-fast ratio (timed-out / open-breaker p99)', timedOut.durationMs / open.latency.p99, 'x');
  } finally {
    await stack.topology[Symbol.asyncDispose]();
  }
  // 6. Suite cost, from the last feature run's messages (reports/messages.ndjson), when there is one.
  const cost = suiteCost(join(projectRoot, 'reports', 'messages.ndjson'));
  if (cost) {
    record('whole feature run (last npm test)', cost.wallMs / 1000, 's', `${cost.scenarios} scenarios`);
    record('per-scenario reset (median)', cost.resetMedianMs, 'ms', `max ${cost.resetMaxMs.toFixed(1)} ms; Toxiproxy reset + gateway reset`);
  }
  const out = join(projectRoot, 'reports', 'bench');
  mkdirSync(out, { recursive: true });
  const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`;
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify({ machine, measuredAt: new Date().toISOString(), figures }, null, 2)}\n`);
  writeFileSync(
    join(out, 'bench.md'),
    [`# Faultline benchmarks`, '', `Machine: ${machine}. Every figure from one run.`, '', '| figure | value | note |', '| --- | ---: | --- |',
      ...figures.map((f) => `| ${f.name} | ${f.value} ${f.unit} | ${f.note.replace(/\|/g, '\\|')} |`), ''].join('\n'),
  );
  console.log(`wrote ${join(out, 'bench.md')}`);
}

await main();
