import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import type { ClusterDrill } from '../../src/dr/cluster-drill.js';
import type { RetriedOrder } from '../../src/dr/idempotent-clients.js';
import { FaultLedger } from '../../src/faults/fault-ledger.js';
import type { FuzzOutcome } from '../../src/fuzz/property-runner.js';
import type { LoadResult } from '../../src/load/load-runner.js';
import type { ConnectionCloseResult } from '../../src/probes/connection-close-probe.js';
import { resetProbeConnections, type ProbeResult } from '../../src/probes/http-probe.js';
import type { Sample } from '../../src/probes/prometheus-text.js';
import { scrapeMetrics } from '../../src/probes/service-metrics.js';
import { activeMutant } from '../../src/mutants/mutant-catalog.js';
import { isPristine, pristineJudge, restartDecision } from '../../src/probes/pristine.js';
import { warmUp } from '../../src/probes/readiness.js';
import type { Verdict } from '../../src/probes/expectations.js';
import { emptyEvidence, type ScenarioEvidence } from '../../src/report/evidence.js';
import { FaultlineError } from '../../src/errors.js';
import type { GatewayControl } from '../../src/faults/gateway-control.js';
import { redact, type Stack } from '../../src/stack/stack.js';
import type { ExtraFile, StartedService } from '../../src/topology/started-service.js';
import { controllableClockEnvironment, controllableClockFiles } from '../../src/faults/clock-control.js';
import type { EventObserver } from '../../src/events/event-observation.js';
import type { EventCheckReport } from '../../src/events/event-checker.js';

let sharedStack: Stack | undefined;

export function setSharedStack(stack: Stack | undefined): void {
  sharedStack = stack;
}

export function getSharedStack(): Stack | undefined {
  return sharedStack;
}

/** Stacks whose service under test a scenario has used since it last started (see restartDecision). */
const usedStacks = new WeakSet<Stack>();

/** Secrets of every stack of the run, for the scan of the reports after it. */
export const runSecrets = new Set<string>();

export function rememberSecrets(stack: Stack): void {
  for (const secret of stack.secrets.values()) runSecrets.add(secret);
}

/** Per-scenario state. The stack itself is shared by every scenario of the run. */
export class FaultlineWorld extends World {
  readonly faults = new FaultLedger();
  readonly evidence: ScenarioEvidence = emptyEvidence();
  /** Named samples of requests: "baseline", "current", ... */
  readonly samples = new Map<string, ProbeResult[]>();
  /** The last raw-socket close measurement (slow_close). */
  connectionClose: ConnectionCloseResult | undefined;
  /** Order ids / idempotency keys of the orders placed in this scenario, in order. */
  readonly orderKeys: string[] = [];
  /** The service's /metrics when the scenario started it, or why they could not be read then. */
  #metricsAtStart: Sample[] | Error = [];

  /** The baseline of the "since the scenario started" counts: fails (in the step that needs it) when it could not be read. */
  get metricsAtStart(): Sample[] {
    if (this.#metricsAtStart instanceof Error) {
      throw new FaultlineError('FL_MISSING_CAPABILITY', `the service's /metrics could not be read when the scenario started it (${this.#metricsAtStart.message}), so nothing can be counted from that start`);
    }
    return this.#metricsAtStart;
  }
  breakerOpenedAt: number | undefined;
  /** When this scenario's start of the service finished its warm-up (epoch ms); undefined if the service was not restarted. */
  warmedUpAt: number | undefined;
  readonly loadPhases = new Map<string, LoadResult>();
  readonly fuzzOutcomes: FuzzOutcome[] = [];
  containerIdBefore: string | undefined;
  /** When the scenario began (the World is made for it just before its hooks run). */
  readonly scenarioStartedAt = Date.now();
  /** Set by the Before hook: the scenario's name, for replay commands. */
  scenarioName = '';
  /** Orders started and not awaited yet ("4 orders are in flight"). */
  inFlight: Promise<ProbeResult[]> | undefined;
  /** Journal length when a step marked a moment ("since the breaker opened"). */
  journalMark = 0;
  /** Every answer a step recorded in this scenario, headers included (the Retry-After check reads them all). */
  readonly answers: ProbeResult[] = [];
  private readonly serviceOverrides: Record<string, string> = {};
  private readonly serviceFiles: ExtraFile[] = [];
  private serviceStarted = false;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** A stack of this scenario's own (disaster recovery destroys its databases); else the shared one. */
  ownStack: Stack | undefined;
  /** The Patroni cluster's drill (@dr scenarios). */
  cluster: ClusterDrill | undefined;
  /** The events checker of the events stack (@events scenarios), and its last report. */
  events: EventObserver | undefined;
  eventsReport: EventCheckReport | undefined;
  idempotentRetries: Promise<RetriedOrder[]> | undefined;
  snapshot: { count: number; checksum: string; bytes: number; source: StartedService } | undefined;
  restore: { target: StartedService; ms: number } | undefined;

  get stack(): Stack {
    if (this.ownStack) return this.ownStack;
    if (!sharedStack) throw new Error('the shared stack is not running (its start failed: see the first scenario that needed it)');
    return sharedStack;
  }

  /** The service under test. */
  get sut(): StartedService {
    return this.stack.service;
  }

  /** The API key of the order contract's steps (the reference service's first key). */
  get apiKey(): string {
    return this.stack.secret('api-key');
  }

  /** The control API of a dependency, by its name in the configuration. */
  upstream(name: string): GatewayControl {
    return this.stack.upstream(name);
  }

  /** The payment gateway of the order contract's steps. */
  get gateway(): GatewayControl {
    return this.stack.upstream('payment-gateway');
  }

  /** The service as clients reach it: through its ingress link. */
  get serviceUrl(): string {
    return this.stack.serviceUrl;
  }

  /** Adds to the configuration of the service under test for this scenario; applied once, by ready(). */
  configureService(service: string, overrides: Record<string, string>): void {
    const sut = this.stack.config.service.name;
    if (service !== sut) {
      throw new FaultlineError('FL_UNKNOWN_SERVICE', `"${service}" cannot be reconfigured: only the service under test (${sut}) runs with a scenario's settings`);
    }
    if (this.serviceStarted) throw new FaultlineError('FL_MISSING_STEP', `the configuration of ${sut} must come before the first step that uses it`);
    Object.assign(this.serviceOverrides, overrides);
  }

  /** Starts the service with libfaketime preloaded, so that clock faults can move its wall clock. */
  async withControllableClock(service: string): Promise<void> {
    this.configureService(service, { ...controllableClockEnvironment });
    this.serviceFiles.push(...(await controllableClockFiles()));
  }

  /**
   * Every step that touches the service calls this first. Once per scenario it starts the service
   * with the defaults plus the scenario's configuration (plus the mutant's, when one runs),
   * restarting it only if that differs from what runs or if the last scenario left it changed
   * (breaker not closed, not ready, stopped), and it takes the metrics baseline.
   */
  async ready(): Promise<void> {
    if (this.serviceStarted) return;
    this.serviceStarted = true;
    const active = activeMutant();
    // A mutant of another container (the fulfilment worker) is applied where that container starts.
    const mutant = active?.service === undefined || active.service === this.stack.config.service.name ? active : undefined;
    const decision = restartDecision({ pristine: await isPristine(this.stack), judge: pristineJudge(this.stack.config.service), usedSinceStart: usedStacks.has(this.stack) });
    const restarted = await this.sut.reconfigure(
      { ...this.serviceOverrides, ...(mutant?.environment ?? {}) },
      { force: decision.restart, files: this.serviceFiles },
    );
    usedStacks.add(this.stack);
    this.evidence.notes.restartDecision = decision.reason;
    if (restarted) {
      resetProbeConnections();
      await warmUp(this.stack);
      this.warmedUpAt = Date.now();
      // The warm-up's requests to dependencies are not part of the scenario.
      await this.stack.resetUpstreams();
    }
    this.evidence.notes.serviceRestarted = restarted;
    if (active) this.evidence.notes.mutant = active.name;
    const linkValued = new Set(Object.entries(this.stack.config.service.environment ?? {}).filter(([, value]) => value.includes('{{link')).map(([key]) => key));
    this.evidence.service.configuration = redact(
      Object.fromEntries(Object.entries(this.sut.env).filter(([key]) => !linkValued.has(key) && key !== 'PORT')),
      this.sut.spec.secretKeys ?? [],
    );
    // Read now, judged by the steps that count from it: a service that cannot answer /metrics at start
    // fails those (and its own checks), not the step that happened to start it.
    this.#metricsAtStart = this.stack.config.service.metrics ? await this.scrapeMetrics().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))) : [];
  }

  /** The service's own port, bypassing the ingress link, so that client-side faults do not touch scrapes. */
  get metricsUrl(): string {
    this.stack.metricsPath('reading metrics');
    return this.stack.directUrl;
  }

  /** The service's metrics now (fails clearly when the configuration declares none). */
  scrapeMetrics(): Promise<Sample[]> {
    return scrapeMetrics(this.stack.directUrl, this.stack.metricsPath('reading metrics'));
  }

  /** A numeric setting of the running service (its environment, else the documented default). */
  serviceSetting(name: string, fallback: number): number {
    const raw = this.sut.env[name];
    return raw === undefined ? fallback : Number(raw);
  }

  recordRequests(label: string, results: readonly ProbeResult[]): void {
    this.answers.push(...results);
    for (const result of results) {
      this.evidence.requests.push({
        label,
        method: result.method,
        path: result.path,
        startedAt: result.startedAt,
        durationMs: result.durationMs,
        ...(result.status === undefined ? {} : { status: result.status }),
        ...(result.error === undefined ? {} : { error: result.error }),
      });
    }
  }

  /** Records the measurement as evidence, then fails the step if it is outside its bound. */
  expect(verdict: Verdict): void {
    this.evidence.measurements.push(verdict);
    if (!verdict.ok) throw new Error(verdict.detail);
  }

  loadPhase(name: string): LoadResult {
    const result = this.loadPhases.get(name);
    if (!result) throw new FaultlineError('FL_MISSING_STEP', `no "${name}" load phase ran in this scenario; phases: ${[...this.loadPhases.keys()].join(', ') || 'none'}`);
    return result;
  }

  /** Idempotency keys of the orders this scenario got a 2xx for, from every sample (the checkers read them). */
  acknowledgedOrderKeys(): string[] {
    return [...this.samples.values()].flat().flatMap((result) => {
      const key = (result as ProbeResult & { idempotencyKey?: string }).idempotencyKey;
      return key !== undefined && result.status !== undefined && result.status >= 200 && result.status < 300 ? [key] : [];
    });
  }

  /** The ids of the orders this scenario placed and got a 201 for, in order. */
  acknowledgedOrderIds(): string[] {
    return [...this.samples.values()].flat().filter((result) => result.status === 201 && result.method === 'POST').map((result) => (JSON.parse(result.body) as { id: string }).id);
  }

  /** The idempotency key of the last order placed in this scenario. */
  lastOrderKey(): string {
    const key = this.orderKeys.at(-1);
    if (key === undefined) throw new FaultlineError('FL_MISSING_STEP', 'no order was placed in this scenario');
    return key;
  }

  sample(label: string): ProbeResult[] {
    const sample = this.samples.get(label);
    if (!sample) {
      throw new FaultlineError('FL_MISSING_STEP', `no "${label}" requests were made in this scenario; known samples: ${[...this.samples.keys()].join(', ') || 'none'}`);
    }
    return sample;
  }

  /** The scenario's orders placed one at a time ("an order is placed"), in order: what "order N of the scenario" replays. */
  readonly singleOrders: Array<ProbeResult & { idempotencyKey?: string }> = [];

  setSample(label: string, results: ReadonlyArray<ProbeResult & { idempotencyKey?: string }>): void {
    if (label === 'current' && results.length === 1 && results[0]!.idempotencyKey !== undefined) this.singleOrders.push(results[0]!);
    this.samples.set(label, [...results]);
    for (const result of results) if (result.idempotencyKey !== undefined) this.orderKeys.push(result.idempotencyKey);
    this.recordRequests(label, results);
  }
}

setWorldConstructor(FaultlineWorld);
