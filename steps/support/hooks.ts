import { After, AfterAll, Before, BeforeAll, Status, setDefaultTimeout } from '@cucumber/cucumber';
import { evidenceMediaType } from '../../src/report/evidence.js';
import { saveRunSecrets } from '../../src/secrets/run-secrets.js';
import { loadConfig } from '../../src/config/load-config.js';
import { withPatroni } from '../../src/dr/patroni-config.js';
import { ClusterDrill, restoreCluster } from '../../src/dr/cluster-drill.js';
import { defaultPatroniSettings } from '../../src/dr/patroni-settings.js';
import { writeTimeline } from '../../src/dr/write-timeline.js';
import { eventsNames, withEvents } from '../../src/events/events-config.js';
import { withCacheAndSaga } from '../../src/saga/saga-config.js';
import { replicasAsked, withReplicas } from '../../src/replicas/replicas-config.js';
import { lockNames, withLock } from '../../src/lock/lock-config.js';
import type { LoadedConfig } from '../../src/config/load-config.js';
import { EventObserver } from '../../src/events/event-observation.js';
import { journeyCounts, journeyFromLog } from '../../src/events/event-journey.js';
import { resetLinkFaults } from '../../src/faults/link-faults.js';
import { activeMutant } from '../../src/mutants/mutant-catalog.js';
import type { Stack } from '../../src/stack/stack.js';
import { attachStack, attachMode } from '../../src/stack/attach.js';
import { startStack } from '../../src/stack/stack.js';
import { closeProbeConnections } from '../../src/probes/http-probe.js';
import { breakerTransitionsFromLog } from '../../src/probes/breaker-log.js';
import { withinMs } from '../../src/units/tolerance.js';
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

/**
 * Stops the shared and the feature stacks. The in-process mutant runner (src/mutants/run-mutants.ts)
 * sets FAULTLINE_KEEP_STACKS so that one cucumber run leaves them to the next, and calls this at the end.
 */
export async function disposeKeptStacks(): Promise<void> {
  closeProbeConnections();
  await disposeFeatureStack();
  const stack = getSharedStack();
  setSharedStack(undefined);
  sharedStackStarting = undefined;
  saveRunSecrets([...runSecrets]);
  if (stack) await stack.topology[Symbol.asyncDispose]();
}

AfterAll({ timeout: withinMs(120_000) }, async function () {
  if (process.env.FAULTLINE_KEEP_STACKS === '1') {
    saveRunSecrets([...runSecrets]);
    return;
  }
  closeProbeConnections();
  await disposeFeatureStack();
  const stack = getSharedStack();
  setSharedStack(undefined);
  saveRunSecrets([...runSecrets]);
  if (stack) await stack.topology[Symbol.asyncDispose]();
});

After({ tags: '@dr', timeout: withinMs(60_000) }, async function (this: FaultlineWorld) {
  await this.cluster?.recorder?.stop();
  await this.cluster?.watch.stop();
  if (this.restore) await this.stack.topology.stopExtra(this.restore.target);
});

// Parts of the reference system that only some features use run on a stack of their own, started
// by the first scenario that needs it and shared by the following ones; a scenario that needs
// another such stack disposes the one before (features run file by file, so each starts once), and
// the shared stack never carries them. The order events (@events): NATS, the fulfilment worker and
// its shipping upstream. The cache and the saga (@cache, @saga): Redis and the inventory upstream.
interface FeatureStack {
  readonly name: string;
  readonly stack: Stack;
  readonly events?: EventObserver;
}

let featureStack: FeatureStack | undefined;

async function disposeFeatureStack(): Promise<void> {
  const current = featureStack;
  featureStack = undefined;
  await current?.events?.close().catch(() => undefined);
  await current?.stack.topology[Symbol.asyncDispose]();
}

async function useFeatureStack(world: FaultlineWorld, name: string, extend: (loaded: LoadedConfig) => LoadedConfig): Promise<FeatureStack> {
  if (featureStack?.name !== name) {
    await disposeFeatureStack();
    const started = performance.now();
    const base = getSharedStack()?.loaded ?? (await loadConfig());
    const extended = extend(base);
    // The parts the feature adds: the containers its configuration has beyond the shared one's.
    const shared = new Set((base.config.dependencies ?? []).map((dependency) => dependency.name));
    const parts = (extended.config.dependencies ?? []).map((dependency) => dependency.name).filter((part) => !shared.has(part));
    const stack = await startStack(extended);
    rememberSecrets(stack);
    featureStack = { name, stack, ...(name === 'events' ? { events: new EventObserver(stack) } : {}) };
    const ready = Object.fromEntries([...parts, stack.config.service.name].map((part) => [part, Math.round(stack.topology.service(part).startedInMs ?? Number.NaN)]));
    console.log(`faultline: ${name} stack up in ${Math.round(performance.now() - started)} ms; ready after (ms): ${Object.entries(ready).map(([part, ms]) => `${part} ${ms}`).join(', ')}`);
    world.evidence.notes[`${name}Stack`] = { startMs: Math.round(performance.now() - started), readyAfterMs: ready };
  }
  world.ownStack = featureStack.stack;
  return featureStack;
}

Before({ tags: '@events', timeout: withinMs(240_000) }, async function (this: FaultlineWorld) {
  const { events, stack } = await useFeatureStack(this, 'events', withEvents);
  // The worker runs with its defaults, or with the mutant's settings when a mutant of the worker runs
  // (restarted only when that differs from what runs, or when a scenario left it stopped).
  const mutant = activeMutant();
  await stack.topology.service(eventsNames.worker).reconfigure(mutant?.service === eventsNames.worker ? mutant.environment : {});
  this.events = events;
  await events!.reset();
});

// The rate limit shared by replicas (@shared-rate-limit) keeps its buckets in this stack's Redis.
Before({ tags: '@cache or @saga or @shared-rate-limit', timeout: withinMs(240_000) }, async function (this: FaultlineWorld) {
  await useFeatureStack(this, 'cache and saga', withCacheAndSaga);
});

// Disaster recovery (@dr): the Patroni cluster and etcd in place of the single PostgreSQL. Scenarios
// kill, partition and rewind its members; the next one first brings it back to health (members
// started again, one primary, the others replicas on its timeline, the default settings), and gets a
// new stack when that fails.
Before({ tags: '@dr', timeout: withinMs(240_000) }, async function (this: FaultlineWorld) {
  const started = performance.now();
  const { stack } = await useFeatureStack(this, 'patroni', withPatroni);
  try {
    await restoreCluster(stack.topology, defaultPatroniSettings);
  } catch (error) {
    console.log(`faultline: the Patroni cluster did not recover from the scenario before (${(error as Error).message}); starting a new one`);
    await disposeFeatureStack();
    const fresh = await useFeatureStack(this, 'patroni', withPatroni);
    await restoreCluster(fresh.stack.topology, defaultPatroniSettings);
  }
  this.cluster = new ClusterDrill(this.stack.topology);
  this.evidence.notes.clusterReadyMs = Math.round(performance.now() - started);
});

// Replicas behind HAProxy (@replicas, @deployments): as many order-service replicas as the scenario
// says ("Given the 3 order-service replicas are in rotation behind the balancer") and the balancer; a
// scenario that asks for another count gets a stack of that count.
Before({ tags: '@replicas or @deployments', timeout: withinMs(240_000) }, async function (this: FaultlineWorld, { pickle }) {
  const count = replicasAsked(pickle.steps.map((step) => step.text));
  await useFeatureStack(this, `${count} replicas`, withReplicas(count));
});

// The distributed lock (@lock): etcd and two backup-job runners, each behind its own link to etcd.
// The runners run with the feature's settings, or with the mutant's when a mutant of the runners
// runs (restarted only when that differs from what runs, or when a scenario left one stopped).
Before({ tags: '@lock', timeout: withinMs(240_000) }, async function (this: FaultlineWorld) {
  const { stack } = await useFeatureStack(this, 'lock', withLock);
  const mutant = activeMutant();
  const overrides = mutant?.service === lockNames.runnerMutantService ? mutant.environment : {};
  for (const runner of lockNames.runners) await stack.topology.service(runner.name).reconfigure(overrides);
});

// Every scenario begins clean: no toxics, every link up, the gateway's script and journal empty.
Before({ timeout: withinMs(600_000) }, async function (this: FaultlineWorld, { pickle }) {
  this.scenarioName = pickle.name;
  if (!this.ownStack) {
    // Back on the shared stack: a feature stack that ran before is not needed any more.
    await disposeFeatureStack();
    await ensureSharedStack();
  }
  const started = performance.now();
  // Normally empty: the After hook of the scenario before removed its faults.
  this.evidence.notes.faultsAtStart = await resetLinkFaults(this.stack.topology);
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
  await attempt(() => resetLinkFaults(this.stack.topology));
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

// Defined after the common After so that it runs before it: a disaster-recovery scenario that failed
// before its checker still shows its writes over time and the members' role changes.
After({ tags: '@dr', timeout: withinMs(10_000) }, function (this: FaultlineWorld) {
  const cluster = this.cluster;
  if (!cluster || this.evidence.disasterRecovery) return;
  this.evidence.notes.roleChanges = cluster.watch.changes;
  if (cluster.recorder) this.evidence.notes.writeTimeline = writeTimeline(cluster.recorder.history, cluster.marks);
});
