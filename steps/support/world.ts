import { World, setWorldConstructor, type IWorldOptions } from '@cucumber/cucumber';
import { FaultLedger } from '../../src/faults/fault-ledger.js';
import type { ConnectionCloseResult } from '../../src/probes/connection-close-probe.js';
import type { ProbeResult } from '../../src/probes/http-probe.js';
import type { Verdict } from '../../src/probes/expectations.js';
import { emptyEvidence, type ScenarioEvidence } from '../../src/report/evidence.js';
import { referenceNames } from '../../src/topology/reference-topology.js';
import { redact, type ReferenceStack } from '../../src/topology/reference-stack.js';
import type { StartedService } from '../../src/topology/started-service.js';

let sharedStack: ReferenceStack | undefined;

export function setSharedStack(stack: ReferenceStack | undefined): void {
  sharedStack = stack;
}

export function getSharedStack(): ReferenceStack | undefined {
  return sharedStack;
}

/** Per-scenario state. The stack itself is shared by every scenario of the run. */
export class FaultlineWorld extends World {
  readonly faults = new FaultLedger();
  readonly evidence: ScenarioEvidence = emptyEvidence();
  /** Named samples of requests: "baseline", "current", ... */
  readonly samples = new Map<string, ProbeResult[]>();
  /** The last raw-socket close measurement (slow_close). */
  connectionClose: ConnectionCloseResult | undefined;
  private serviceConfigured = false;

  constructor(options: IWorldOptions) {
    super(options);
  }

  get stack(): ReferenceStack {
    if (!sharedStack) throw new Error('the reference stack is not running (BeforeAll failed; see its error above)');
    return sharedStack;
  }

  get orderService(): StartedService {
    return this.stack.topology.service(referenceNames.orderService);
  }

  get apiKey(): string {
    return this.stack.secrets.apiKeys[0];
  }

  /** The service as clients reach it: through the "ingress" link. */
  get serviceUrl(): string {
    return this.stack.topology.linkUrl('ingress');
  }

  /** Starts the order service with the defaults plus `overrides` (restarting only if it differs). */
  async configureService(overrides: Record<string, string>): Promise<void> {
    await this.orderService.reconfigure(overrides);
    this.serviceConfigured = true;
    this.evidence.service.configuration = redact(
      Object.fromEntries(Object.entries(this.orderService.env).filter(([key]) => !/^(PORT|DB_HOSTS|PAYMENT_URL|DB_USER|DB_NAME)$/.test(key))),
      this.orderService.spec.secretKeys ?? [],
    );
  }

  /** Every step that touches the service calls this first: a scenario without a configuration step gets the defaults. */
  async ready(): Promise<void> {
    if (!this.serviceConfigured) await this.configureService({});
  }

  recordRequests(label: string, results: readonly ProbeResult[]): void {
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

  sample(label: string): ProbeResult[] {
    const sample = this.samples.get(label);
    if (!sample) {
      throw new Error(`no "${label}" requests were made in this scenario; known samples: ${[...this.samples.keys()].join(', ') || 'none'}`);
    }
    return sample;
  }

  setSample(label: string, results: ProbeResult[]): void {
    this.samples.set(label, results);
    this.recordRequests(label, results);
  }
}

setWorldConstructor(FaultlineWorld);
