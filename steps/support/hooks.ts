import { After, AfterAll, Before, BeforeAll, Status, setDefaultTimeout } from '@cucumber/cucumber';
import { evidenceMediaType } from '../../src/report/evidence.js';
import { saveRunSecrets } from '../../src/report/secret-scan.js';
import { loadConfig } from '../../src/config/load-config.js';
import { withStandby } from '../../src/dr/standby-config.js';
import { withEvents } from '../../src/events/events-config.js';
import { EventObserver } from '../../src/events/event-observation.js';
import { journeyCounts, journeyFromLog } from '../../src/events/event-journey.js';
import { activeMutant } from '../../src/mutants/mutant-catalog.js';
import type { Stack } from '../../src/topology/stack.js';
import { attachStack, attachMode } from '../../src/topology/attach.js';
import { startStack } from '../../src/topology/stack.js';
import { closeProbeConnections } from '../../src/probes/http-probe.js';
import { breakerTransitionsFromLog } from '../../src/probes/breaker-log.js';
import { withinMs } from '../../src/probes/tolerance.js';
import { FaultlineWorld, getSharedStack, rememberSecrets, runSecrets, setSharedStack } from './world.js';

setDefaultTimeout(withinMs(60_000));

// The shared stack starts with the first scenario that uses it, not before the run: a run of only
// disaster-recovery or events scenarios (their own stacks; the mutant runs of those patterns) never
// starts it. The configuration is loaded before any scenario, so that a bad one fails the run at once.
let sharedStackStarting: Promise<void> | undefined;

BeforeAll({ timeout: withinMs(60_000) }, async function () {
  await loadConfig();
});

function ensureSharedStack(): Promise<void> {
  sharedStackStarting ??= (async () => {
    const started = performance.now();
    const loaded = await loadConfig();
    const attach = attachMode();
    const stack = attach ? await attachStack(loaded, attach) : await startStack(loaded);
    setSharedStack(stack);
    rememberSecrets(stack);
    const version = await stack.topology.toxiproxy.getVersion();
    console.log(
      `faultline: ${stack.config.name} (${loaded.path}) ${attach ? `attached to compose project "${attach}"` : 'up'} in ${Math.round(performance.now() - started)} ms ` +
        `on network ${stack.topology.networkName}; Toxiproxy /version ${version.trim()}; links ${stack.topology.linkNames.join(', ')}`,
    );
  })();
  return sharedStackStarting;
}

AfterAll({ timeout: withinMs(120_000) }, async function () {
  closeProbeConnections();
  await disposeEventsStack();
  const stack = getSharedStack();
  setSharedStack(undefined);
  saveRunSecrets([...runSecrets]);
  if (stack) await stack.topology[Symbol.asyncDispose]();
});

// Disaster recovery kills and promotes databases: such a scenario gets a stack of its own, with a
// streaming standby, started before the common Before hook and disposed after the common After.
Before({ tags: '@dr', timeout: withinMs(180_000) }, async function (this: FaultlineWorld) {
  this.ownStack = await startStack(withStandby(getSharedStack()?.loaded ?? (await loadConfig())));
  rememberSecrets(this.ownStack);
});

After({ tags: '@dr', timeout: withinMs(60_000) }, async function (this: FaultlineWorld) {
  await this.drill?.recorder?.stop();
  await this.ownStack?.topology[Symbol.asyncDispose]();
});

// The order events (@events) run on a stack with NATS, the fulfilment worker and its shipping
// upstream, started by the first such scenario and shared by the rest: the broker and the worker are
// never started for a run that has none. Each scenario starts with empty streams.
let eventsStack: { stack: Stack; observer: EventObserver } | undefined;

async function disposeEventsStack(): Promise<void> {
  const events = eventsStack;
  eventsStack = undefined;
  await events?.observer.close().catch(() => undefined);
  await events?.stack.topology[Symbol.asyncDispose]();
}

Before({ tags: '@events', timeout: withinMs(240_000) }, async function (this: FaultlineWorld) {
  if (!eventsStack) {
    const started = performance.now();
    const stack = await startStack(withEvents(getSharedStack()?.loaded ?? (await loadConfig()), activeMutant()));
    rememberSecrets(stack);
    eventsStack = { stack, observer: new EventObserver(stack) };
    const ready = Object.fromEntries(['nats', 'shipping', 'fulfilment-worker', stack.config.service.name].map((name) => [name, Math.round(stack.topology.service(name).startedInMs ?? Number.NaN)]));
    console.log(`faultline: events stack up in ${Math.round(performance.now() - started)} ms; ready after (ms): ${Object.entries(ready).map(([name, ms]) => `${name} ${ms}`).join(', ')}`);
    this.evidence.notes.eventsStack = { startMs: Math.round(performance.now() - started), readyAfterMs: ready };
  }
  this.ownStack = eventsStack.stack;
  this.events = eventsStack.observer;
  await eventsStack.observer.reset();
});

// Every scenario begins clean: no toxics, every link up, the gateway's script and journal empty.
Before({ timeout: withinMs(600_000) }, async function (this: FaultlineWorld, { pickle }) {
  this.scenarioName = pickle.name;
  if (!this.ownStack) await ensureSharedStack();
  const started = performance.now();
  // Normally empty: the After hook of the scenario before removed its faults.
  this.evidence.notes.faultsAtStart = await this.stack.topology.resetFaults();
  await this.stack.resetUpstreams();
  this.evidence.notes.resetMs = performance.now() - started;
});

// Fails closed: every fault is removed and the shared parts reset whatever happened in the scenario.
After({ timeout: withinMs(60_000) }, async function (this: FaultlineWorld, { result }) {
  const problems: unknown[] = [];
  const attempt = async (step: () => Promise<unknown>) => {
    try {
      await step();
    } catch (error) {
      problems.push(error);
    }
  };
  if (result?.status === Status.FAILED) {
    await attempt(async () => {
      this.evidence.diagnostics = await this.stack.topology.diagnostics(100);
    });
  }
  // The breaker timeline, from the transitions the service logged during the scenario.
  await attempt(async () => {
    const transitions = breakerTransitionsFromLog(await this.sut.logsSince(this.scenarioStartedAt), this.scenarioStartedAt);
    if (transitions.length > 0) this.evidence.breakerTransitions = transitions;
  });
  await attempt(() => this.faults.removeAll());
  this.evidence.faults.push(...this.faults.records);
  await attempt(() => this.stack.topology.resetFaults());
  await attempt(() => this.stack.resetUpstreams());
  this.attach(JSON.stringify(this.evidence), evidenceMediaType);
  if (problems.length > 0) throw new AggregateError(problems, 'restoring the stack after the scenario failed');
});

// Defined after the common After so that it runs before it (cucumber runs After hooks in reverse
// order): the journey goes into the evidence before that is attached.
After({ tags: '@events', timeout: withinMs(60_000) }, async function (this: FaultlineWorld) {
  const stack = this.ownStack;
  if (!stack) return;
  const journey = [];
  for (const service of [stack.config.service.name, 'fulfilment-worker']) {
    const log = await stack.topology.service(service).logsSince(this.scenarioStartedAt).catch(() => '');
    journey.push(...journeyFromLog(log, service, this.scenarioStartedAt));
  }
  const mine = this.eventsReport ? new Set(Object.keys(this.eventsReport.callsPerOrder).concat(this.eventsReport.lost, this.eventsReport.duplicated)) : undefined;
  const shown = journey.filter((step) => !mine || mine.size === 0 || mine.has(step.orderId)).sort((a, b) => a.at - b.at);
  this.evidence.notes.events = { ...(this.eventsReport ? { check: this.eventsReport } : {}), stages: journeyCounts(shown), journey: shown.slice(0, 400) };
});
