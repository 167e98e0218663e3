// npm run bench: figures written to reports/bench/ (bench.json, bench.md). Not part of npm test's
// verdict. Every figure is a difference or a ratio measured side by side and repeated: the median
// of FAULTLINE_BENCH_PAIRS (default 5) interleaved pairs with its spread, because on a small machine
// where the load generator, Toxiproxy, the service, the gateway and PostgreSQL share the cores a
// single run measures CPU queueing and whatever else ran at the time. Latencies are taken at one
// connection or at a paced rate below saturation; throughput at saturation is reported with the CPU
// each process used and next to the load generator's own ceiling on the machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToxicFault } from '../faults/toxic-fault.js';
import type { ProbeRequest } from '../probes/http-probe.js';
import { placeOrder, sampleOrder } from '../probes/orders.js';
import { warmUp } from '../probes/readiness.js';
import { projectRoot } from '../project-root.js';
import { loadConfig, referenceConfigPath } from '../config/load-config.js';
import { startStack, type Stack } from '../stack/stack.js';
import { runLoad, type LoadResult } from './load-runner.js';
import { runPacedLoad } from './paced-load.js';
import { containersOnNetwork, cpuReadFrom, startCpuMeter, type CpuSource } from './process-cpu.js';
import { SequentialClient } from './sequential.js';
import { interleavedPairs, median, pct, spread, standardDeviation, type Spread } from './spread.js';
import { suiteCost } from './suite-cost.js';
import { runWrk } from './wrk.js';

const pairs = Math.max(1, Number(process.env.FAULTLINE_BENCH_PAIRS ?? 5));
/** Length of one side of a throughput or paced pair. */
const windowS = Math.max(1, Number(process.env.FAULTLINE_BENCH_SECONDS ?? 2));
/** Connections of every closed-loop (saturation) run. */
const saturationConnections = 20;

interface Figure extends Spread {
  readonly section: string;
  readonly name: string;
  readonly unit: string;
  readonly note: string;
}

const figures: Figure[] = [];
const round = (value: number) => (Number.isFinite(value) ? Number(value.toFixed(value !== 0 && Math.abs(value) < 1 ? 3 : 2)) : value);
let section = '';
function record(name: string, values: readonly number[], unit: string, note = ''): Spread {
  const s = spread(values);
  figures.push({ section, name, unit, note, median: round(s.median), q1: round(s.q1), q3: round(s.q3), min: round(s.min), max: round(s.max), n: s.n });
  console.log(`${name}: ${round(s.median)} ${unit} [IQR ${round(s.q1)}..${round(s.q3)}, min ${round(s.min)}, max ${round(s.max)}, n ${s.n}]${note ? ` (${note})` : ''}`);
  return s;
}
const recordCpu = (label: string, samples: ReadonlyArray<Record<string, number>>) => {
  for (const name of Object.keys(samples[0] ?? {})) record(`CPU, ${label}: ${name}`, samples.map((sample) => sample[name] ?? Number.NaN), 'cores');
};
const statuses = (results: readonly LoadResult[]) => {
  const total: Record<string, number> = {};
  for (const result of results) for (const [status, count] of Object.entries(result.byStatus)) total[status] = (total[status] ?? 0) + count;
  const errors = results.reduce((sum, result) => sum + result.errors + result.timeouts, 0);
  return `statuses ${JSON.stringify(total)}${errors ? `, ${errors} errors/timeouts` : ''}`;
};

const benchEnv = { RATE_LIMIT_BURST: '1000000', RATE_LIMIT_REFILL_PER_SEC: '1000000', BULKHEAD_LIMIT: '64', BULKHEAD_QUEUE: '256' };

/** A node:http server answering 200 "ok" to everything, in a process of its own (the other core). */
async function startTrivialServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', "require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port) })"], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the trivial server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function loadGeneratorCeiling(stack: Stack): Promise<void> {
  section = 'Load generator ceiling';
  const trivial = await startTrivialServer();
  try {
    const cpuSources: Record<string, CpuSource> = { 'whole machine': { kind: 'machine' }, 'load generator (bench process)': { kind: 'self' }, 'trivial server': { kind: 'pid', pid: trivial.child.pid! } };
    const closed = (baseUrl: string, path: string) => runLoad({ baseUrl, path, connections: saturationConnections, durationS: windowS });
    const cpu: Array<Record<string, number>> = [];
    const results = await interleavedPairs(
      pairs,
      async () => {
        const stop = await startCpuMeter(cpuSources);
        const result = await closed(trivial.url, '/');
        cpu.push(await stop());
        return result;
      },
      () => closed(stack.directUrl, '/health/live'),
    );
    record(`autocannon, ${saturationConnections} connections, trivial node:http server`, results.map((pair) => pair.a.throughputRps), 'req/s', `p50 ${median(results.map((pair) => pair.a.latency.p50))} ms; ${statuses(results.map((pair) => pair.a))}`);
    record(`autocannon, ${saturationConnections} connections, the service's GET /health/live direct`, results.map((pair) => pair.b.throughputRps), 'req/s', `p50 ${median(results.map((pair) => pair.b.latency.p50))} ms; interleaved with the line above`);
    recordCpu('autocannon against the trivial server', cpu);
    const offered = 4000;
    const paced: LoadResult[] = [];
    for (let run = 0; run < pairs; run += 1) paced.push(await runPacedLoad({ baseUrl: trivial.url, request: () => ({ path: '/' }), ratePerS: offered, durationS: 1 }));
    record(`paced runner, ${offered} req/s offered for 1 s, trivial server: completed`, paced.map((result) => result.throughputRps), 'req/s', `p50 ${median(paced.map((result) => result.latency.p50))} ms from each request's scheduled instant; ${statuses(paced)}`);
    const wrk: number[] = [];
    for (let run = 0; run < pairs; run += 1) {
      const result = runWrk(`${trivial.url}/`, {}, saturationConnections, windowS);
      if (result) wrk.push(result.rps);
    }
    if (wrk.length > 0) record(`wrk, ${saturationConnections} connections, 2 threads, trivial server`, wrk, 'req/s', 'a second generator, written in C');
    else console.log('wrk is not installed (npm run setup installs it): no second generator');
  } finally {
    trivial.child.kill();
  }
}

async function toxiproxyOverhead(stack: Stack): Promise<void> {
  section = 'Toxiproxy pass-through (no toxics)';
  const client = new SequentialClient();
  const requests = 1000;
  const ingress = stack.topology.linkUrl('ingress');
  const results = await interleavedPairs(
    pairs,
    () => client.latencies(`${stack.directUrl}/health/live`, requests),
    () => client.latencies(`${ingress}/health/live`, requests),
  );
  client.close();
  record('added p50, GET /health/live, 1 connection, sequential', results.map(({ a, b }) => pct(b, 50) - pct(a, 50)), 'ms', `direct p50 ${median(results.map(({ a }) => pct(a, 50))).toFixed(2)} ms; ${requests} requests a side`);
  record('added p99, GET /health/live, 1 connection, sequential', results.map(({ a, b }) => pct(b, 99) - pct(a, 99)), 'ms', `direct p99 ${median(results.map(({ a }) => pct(a, 99))).toFixed(2)} ms`);

  const sources: Record<string, CpuSource> = { 'whole machine': { kind: 'machine' }, 'load generator (bench process)': { kind: 'self' }, ...(await stackContainers(stack)) };
  const readFrom = [...new Set(Object.values(sources).flatMap((source) => (source.kind === 'container' ? [cpuReadFrom(source.id)] : [])))];
  console.log(`container CPU read from: ${readFrom.join(', ')}`);
  const measured = async (baseUrl: string, cpu: Array<Record<string, number>>) => {
    const stop = await startCpuMeter(sources);
    const result = await runLoad({ baseUrl, path: '/health/live', connections: saturationConnections, durationS: windowS });
    cpu.push(await stop());
    return result;
  };
  const cpuDirect: Array<Record<string, number>> = [];
  const cpuLink: Array<Record<string, number>> = [];
  const saturated = await interleavedPairs(pairs, () => measured(stack.directUrl, cpuDirect), () => measured(ingress, cpuLink));
  record(`throughput through the link / direct, GET /health/live, ${saturationConnections} connections`, saturated.map(({ a, b }) => b.throughputRps / a.throughputRps), 'ratio',
    `direct ${median(saturated.map(({ a }) => a.throughputRps))} req/s, through the link ${median(saturated.map(({ b }) => b.throughputRps))} req/s; ${statuses(saturated.flatMap(({ a, b }) => [a, b]))}`);
  recordCpu('direct at saturation', cpuDirect);
  recordCpu('through the link at saturation', cpuLink);
}

/** The stack's containers as CPU sources, named after their services (Toxiproxy by its image). */
function stackContainers(stack: Stack): Promise<Record<string, CpuSource>> {
  const names = new Map(stack.topology.serviceNames.map((name) => [stack.topology.service(name).container.getId(), name] as const));
  return containersOnNetwork(stack.topology.networkName, names);
}

async function latencyInjection(stack: Stack): Promise<void> {
  section = 'Latency injection (ingress link, downstream)';
  const client = new SequentialClient();
  const url = `${stack.topology.linkUrl('ingress')}/health/live`;
  const proxy = () => stack.topology.proxy('ingress');
  const withToxic = async (attributes: { latency: number; jitter: number }, count: number) => {
    const fault = new ToxicFault(proxy, 'ingress', 'latency', attributes, 'downstream');
    await fault.inject();
    try {
      return await client.latencies(url, count);
    } finally {
      await fault.remove();
    }
  };
  for (const latency of [50, 200, 1000]) {
    const count = Math.max(3, Math.round(2000 / latency));
    const results = await interleavedPairs(pairs, () => client.latencies(url, count), () => withToxic({ latency, jitter: 0 }, count));
    record(`${latency} ms configured: added p50`, results.map(({ a, b }) => pct(b, 50) - pct(a, 50)), 'ms', `${count} sequential requests a side`);
    record(`${latency} ms configured: added p99`, results.map(({ a, b }) => pct(b, 99) - pct(a, 99)), 'ms');
  }
  const [latency, jitter, count] = [100, 50, 20];
  const results = await interleavedPairs(pairs, () => client.latencies(url, count), () => withToxic({ latency, jitter }, count));
  const added = results.map(({ a, b }) => b.map((ms) => ms - median(a)));
  record(`${latency} ms ± ${jitter} ms jitter: added p50`, added.map((values) => pct(values, 50)), 'ms', `${count} sequential requests a side`);
  record(`${latency} ms ± ${jitter} ms jitter: smallest added`, added.map((values) => Math.min(...values)), 'ms', `bound ${latency - jitter} ms`);
  record(`${latency} ms ± ${jitter} ms jitter: largest added`, added.map((values) => Math.max(...values)), 'ms', `bound ${latency + jitter} ms`);
  record(`${latency} ms ± ${jitter} ms jitter: standard deviation of the added latency`, added.map(standardDeviation), 'ms', `uniform over ±${jitter} ms: ${(jitter / Math.sqrt(3)).toFixed(1)} ms`);
  client.close();
}

async function policyOverhead(stack: Stack, apiKey: string): Promise<void> {
  section = 'Resilience policies (POST /orders, policies on vs off)';
  const ingress = stack.topology.linkUrl('ingress');
  const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
  const rate = 50;
  const side = async (policies: 'on' | 'off') => {
    if (await stack.service.reconfigure(policies === 'off' ? { ...benchEnv, PAYMENT_POLICIES: 'off' } : benchEnv)) await warmUp(stack);
    let sequence = 0;
    const paced = await runPacedLoad({
      baseUrl: ingress,
      ratePerS: rate,
      durationS: windowS,
      request: () => ({ method: 'POST', path: '/orders', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(sampleOrder(sequence++)) }),
    });
    // Looked up per side: a restart gives the service a new container.
    const stop = await startCpuMeter({ 'whole machine': { kind: 'machine' }, 'load generator (bench process)': { kind: 'self' }, ...(await stackContainers(stack)) });
    const saturated = await runLoad({
      baseUrl: ingress, path: '/orders', method: 'POST', headers, body: JSON.stringify(sampleOrder(3)), uniqueIdempotencyKeys: true, connections: saturationConnections, durationS: windowS,
    });
    return { paced, saturated, cpu: await stop() };
  };
  const results = await interleavedPairs(pairs, () => side('off'), () => side('on'));
  const all = results.flatMap(({ a, b }) => [a.paced, b.paced, a.saturated, b.saturated]);
  record(`added p50 at ${rate} req/s paced (policies on - off)`, results.map(({ a, b }) => b.paced.latency.p50 - a.paced.latency.p50), 'ms', `off p50 ${median(results.map(({ a }) => a.paced.latency.p50))} ms`);
  record(`added p99 at ${rate} req/s paced (policies on - off)`, results.map(({ a, b }) => b.paced.latency.p99 - a.paced.latency.p99), 'ms', `off p99 ${median(results.map(({ a }) => a.paced.latency.p99))} ms`);
  record(`throughput on / off at saturation, ${saturationConnections} connections`, results.map(({ a, b }) => b.saturated.throughputRps / a.saturated.throughputRps), 'ratio',
    `off ${median(results.map(({ a }) => a.saturated.throughputRps))} req/s, on ${median(results.map(({ b }) => b.saturated.throughputRps))} req/s; ${statuses(all)}`);
  recordCpu('policies off at saturation', results.map(({ a }) => a.cpu));
  recordCpu('policies on at saturation', results.map(({ b }) => b.cpu));
}

interface FailFastWindow {
  readonly open: LoadResult;
  readonly replays: LoadResult;
  readonly invalid: LoadResult;
  readonly timedOutMs: number;
  readonly timedOutStatus: string;
}

/**
 * The open breaker's 503 next to a request that runs into its attempt timeout, with the service's
 * idempotency-key index off (every key looked up first) and on (IDEMPOTENCY_KEY_INDEX=memory), in
 * ABBA pairs (a restart per switch). One side: with the payment link black-holed, three orders run
 * into the attempt timeout and open the breaker; while it is open a paced window sends new orders
 * (503), replays of stored orders (201, the stored order) and invalid orders (400, answered before the
 * key lookup: the same route, API key check and body parsing, without storage or payment policies);
 * when the open period ends the next order is the half-open probe, which runs into its timeout.
 */
async function failFast(stack: Stack, apiKey: string): Promise<void> {
  section = 'Fail-fast (open breaker vs attempt timeout)';
  /** Each side's process is new: a window of this length, not recorded, warms its code paths first. */
  const warmS = 1;
  const openMs = (warmS + windowS) * 1000 + 1000;
  const attemptTimeoutMs = 500;
  const rate = 60;
  const env = (index: 'off' | 'memory') => ({
    ...benchEnv, BREAKER_THRESHOLD: '3', BREAKER_OPEN_MS: String(openMs), RETRY_MAX_ATTEMPTS: '1', ATTEMPT_TIMEOUT_MS: String(attemptTimeoutMs), IDEMPOTENCY_KEY_INDEX: index,
  });
  const ingress = stack.topology.linkUrl('ingress');
  const headers = { 'x-api-key': apiKey, 'content-type': 'application/json' };
  if (await stack.service.reconfigure(env('off'))) await warmUp(stack);
  await stack.upstream('payment-gateway').reset();
  const storedKeys: string[] = [];
  for (let index = 0; index < 10; index += 1) {
    const order = await placeOrder(ingress, { apiKey, payload: sampleOrder(index) });
    if (order.status !== 201) throw new Error(`storing an order to replay answered ${order.status ?? order.error}: ${order.body}`);
    storedKeys.push(order.idempotencyKey);
  }
  const runIntoTimeout = async () => {
    for (const until = performance.now() + openMs + 2000; performance.now() < until; ) {
      const order = await placeOrder(ingress, { apiKey });
      if (order.durationMs >= attemptTimeoutMs * 0.9) return { ms: order.durationMs, status: String(order.status ?? order.error) };
      await sleep(100); // still open: the probe comes once the open period is over
    }
    throw new Error('no request ran into the attempt timeout: the breaker never let a probe through');
  };
  const stream = (durationS: number, offset: number, request: () => ProbeRequest) =>
    sleep((offset * 1000) / rate).then(() => runPacedLoad({ baseUrl: ingress, ratePerS: rate / 3, durationS, request }));
  const window = (durationS: number) => {
    let sequence = 0;
    let replay = 0;
    return Promise.all([
      stream(durationS, 0, () => ({ method: 'POST', path: '/orders', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify(sampleOrder(100 + sequence++)) })),
      stream(durationS, 1, () => {
        const key = replay++ % storedKeys.length;
        return { method: 'POST', path: '/orders', headers: { ...headers, 'idempotency-key': storedKeys[key]! }, body: JSON.stringify(sampleOrder(key)) };
      }),
      stream(durationS, 2, () => ({ method: 'POST', path: '/orders', headers: { ...headers, 'idempotency-key': randomUUID() }, body: JSON.stringify({ items: [] }) })),
    ]);
  };
  const side = async (index: 'off' | 'memory'): Promise<FailFastWindow> => {
    // A fresh process each side, so each starts with a closed breaker (and a freshly loaded index).
    // Warming up places orders: the link is black-holed only after it.
    await stack.service.reconfigure(env(index), { force: true });
    await warmUp(stack);
    const blackHole = new ToxicFault(() => stack.topology.proxy('payment'), 'payment', 'timeout', { timeout: 0 }, 'downstream');
    await blackHole.inject();
    try {
      for (let failure = 0; failure < 3; failure += 1) await runIntoTimeout();
      const openedAt = performance.now();
      await window(warmS);
      const [open, replays, invalid] = await window(windowS);
      const remaining = openedAt + openMs - performance.now();
      if (remaining > 0) await sleep(remaining + 50);
      const probe = await runIntoTimeout();
      return { open, replays, invalid, timedOutMs: probe.ms, timedOutStatus: probe.status };
    } finally {
      await blackHole.remove();
    }
  };
  const results = await interleavedPairs(pairs, () => side('off'), () => side('memory'));
  const on = results.map(({ b }) => b);
  const off = results.map(({ a }) => a);
  const note = (windows: readonly FailFastWindow[]) =>
    `${rate / 3} req/s of each stream, paced, offset; new keys ${statuses(windows.map((w) => w.open))}, replays ${statuses(windows.map((w) => w.replays))}, invalid ${statuses(windows.map((w) => w.invalid))}`;
  record('index on: open breaker, new order (503): p50', on.map((w) => w.open.latency.p50), 'ms', note(on));
  record('index on: open breaker, new order (503): p99', on.map((w) => w.open.latency.p99), 'ms');
  record('index on: replay of a stored order while open (201): p50', on.map((w) => w.replays.latency.p50), 'ms', 'the stored order, while the breaker is open');
  record('index on: replay of a stored order while open (201): p99', on.map((w) => w.replays.latency.p99), 'ms');
  record('index on: invalid order (400, answered before the lookup): p50', on.map((w) => w.invalid.latency.p50), 'ms', 'the same route without storage and policies');
  record('index on: invalid order (400): p99', on.map((w) => w.invalid.latency.p99), 'ms');
  record('index on: 503 minus 400, p50', on.map((w) => w.open.latency.p50 - w.invalid.latency.p50), 'ms', 'what the open-breaker path costs beyond parsing the request');
  record('index off: open breaker, new order (503): p50', off.map((w) => w.open.latency.p50), 'ms', note(off));
  record('index off: open breaker, new order (503): p99', off.map((w) => w.open.latency.p99), 'ms');
  record('index off: 503 minus 400, p50', off.map((w) => w.open.latency.p50 - w.invalid.latency.p50), 'ms', 'the key lookup in PostgreSQL and the payment policies run before the refusal');
  record('index off: replay minus 400, p50', off.map((w) => w.replays.latency.p50 - w.invalid.latency.p50), 'ms', "the key lookup and the stored order's answer");
  record('open-breaker 503 p50, index off minus on', results.map(({ a, b }) => a.open.latency.p50 - b.open.latency.p50), 'ms', 'what the index saves an open-breaker answer');
  const timedOut = results.flatMap(({ a, b }) => [a, b]);
  const timedOutStatuses: Record<string, number> = {};
  for (const w of timedOut) timedOutStatuses[w.timedOutStatus] = (timedOutStatuses[w.timedOutStatus] ?? 0) + 1;
  record(`request into its attempt timeout (${attemptTimeoutMs} ms)`, timedOut.map((w) => w.timedOutMs), 'ms', `the half-open probe after each window (both settings); statuses ${JSON.stringify(timedOutStatuses)}`);
  record('fail-fast ratio, index on: timed-out / open-breaker p50', on.map((w) => w.timedOutMs / w.open.latency.p50), 'x');
  record('fail-fast ratio, index on: timed-out / open-breaker p99', on.map((w) => w.timedOutMs / w.open.latency.p99), 'x');
  record('fail-fast ratio, index off: timed-out / open-breaker p50', off.map((w) => w.timedOutMs / w.open.latency.p50), 'x');
  const replays = timedOut.reduce((sum, w) => sum + w.replays.requests, 0);
  const replayed = timedOut.reduce((sum, w) => sum + (w.replays.byStatus['201'] ?? 0), 0);
  if (replayed !== replays) throw new Error(`only ${replayed} of ${replays} replays of stored orders answered 201 while the breaker was open: ${statuses(timedOut.map((w) => w.replays))}`);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadavg();
  const started = performance.now();
  const stack = await startStack(await loadConfig(referenceConfigPath()));
  const stackStartMs = performance.now() - started;
  console.log(`stack up in ${Math.round(stackStartMs)} ms; ${pairs} pairs, ${windowS} s windows`);
  try {
    await stack.service.reconfigure(benchEnv);
    await warmUp(stack);
    const apiKey = stack.secret('api-key');
    const sections: Record<string, () => Promise<void>> = {
      ceiling: () => loadGeneratorCeiling(stack),
      toxiproxy: () => toxiproxyOverhead(stack),
      latency: () => latencyInjection(stack),
      policies: () => policyOverhead(stack, apiKey),
      'fail-fast': () => failFast(stack, apiKey),
    };
    // FAULTLINE_BENCH_SECTIONS=fail-fast,latency runs a subset (while working on one of them).
    const only = process.env.FAULTLINE_BENCH_SECTIONS?.split(',').map((name) => name.trim()).filter(Boolean);
    const unknown = (only ?? []).filter((name) => !(name in sections));
    if (unknown.length > 0) throw new Error(`FAULTLINE_BENCH_SECTIONS names ${unknown.join(', ')}: use a comma-separated subset of ${Object.keys(sections).join(',')}`);
    for (const [name, run] of Object.entries(sections)) if (!only || only.includes(name)) await run();
  } finally {
    await stack.topology[Symbol.asyncDispose]();
  }
  section = 'Suite cost (the last feature run, reports/messages.ndjson)';
  const cost = suiteCost(join(projectRoot, 'reports', 'messages.ndjson'));
  if (cost) record('per-scenario reset', [cost.resetMedianMs], 'ms', `median of ${cost.scenarios} scenarios, max ${cost.resetMaxMs.toFixed(1)} ms; Toxiproxy reset + gateway reset`);
  write(startedAt, loadBefore, stackStartMs);
}

function write(startedAt: Date, loadBefore: number[], stackStartMs: number): void {
  const out = join(projectRoot, 'reports', 'bench');
  mkdirSync(out, { recursive: true });
  const machine = `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}`;
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  const conditions = {
    pairs,
    windowS,
    saturationConnections,
    loadAverageBefore: load(loadBefore),
    loadAverageAfter: load(loadavg()),
    stackStartMs: Math.round(stackStartMs),
    durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
  };
  writeFileSync(join(out, 'bench.json'), `${JSON.stringify({ machine, measuredAt: startedAt.toISOString(), conditions, figures }, null, 2)}\n`);
  const sections = [...new Set(figures.map((figure) => figure.section))];
  const value = (n: number) => (Number.isFinite(n) ? String(n) : '–');
  writeFileSync(
    join(out, 'bench.md'),
    [
      '# Faultline benchmarks',
      '',
      `Machine: ${machine}; load average ${conditions.loadAverageBefore} before, ${conditions.loadAverageAfter} after; ${startedAt.toISOString()}, ${conditions.durationS} s.`,
      `Each figure is the median of ${pairs} interleaved pairs (ABBA order) with its interquartile range and extremes; throughput windows ${windowS} s at ${saturationConnections} connections.`,
      ...sections.flatMap((name) => [
        '',
        `## ${name}`,
        '',
        '| figure | median | IQR | min..max | n | note |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
        ...figures.filter((figure) => figure.section === name).map((f) =>
          `| ${f.name} | ${value(f.median)} ${f.unit} | ${value(f.q1)}..${value(f.q3)} | ${value(f.min)}..${value(f.max)} | ${f.n} | ${f.note.replace(/\|/g, '\\|')} |`),
      ]),
      '',
    ].join('\n'),
  );
  console.log(`wrote ${join(out, 'bench.md')}`);
}

await main();
