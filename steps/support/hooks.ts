import { After, AfterAll, Before, BeforeAll, Status, setDefaultTimeout } from '@cucumber/cucumber';
import { evidenceMediaType } from '../../src/report/evidence.js';
import { saveRunSecrets } from '../../src/report/secret-scan.js';
import { loadConfig } from '../../src/config/load-config.js';
import { withStandby } from '../../src/dr/standby-config.js';
import { attachStack, attachMode } from '../../src/topology/attach.js';
import { startStack } from '../../src/topology/stack.js';
import { closeProbeConnections } from '../../src/probes/http-probe.js';
import { breakerTransitionsFromLog } from '../../src/probes/breaker-log.js';
import { withinMs } from '../../src/probes/tolerance.js';
import { FaultlineWorld, getSharedStack, rememberSecrets, runSecrets, setSharedStack } from './world.js';

setDefaultTimeout(withinMs(60_000));

BeforeAll({ timeout: withinMs(600_000) }, async function () {
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
});

AfterAll({ timeout: withinMs(120_000) }, async function () {
  closeProbeConnections();
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

// Every scenario begins clean: no toxics, every link up, the gateway's script and journal empty.
Before({ timeout: withinMs(60_000) }, async function (this: FaultlineWorld, { pickle }) {
  this.scenarioName = pickle.name;
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
