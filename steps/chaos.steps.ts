// Container-level faults: processes (pause, signals, restarts), CPU, clocks and names. Each step
// injects one fault through the scenario's ledger, which removes it after the scenario.
import { Given, Then, When } from '@cucumber/cucumber';
import { waitUntilInstant } from '../src/units/clock.js';
import { ClockSkewFault } from '../src/faults/clock-skew-fault.js';
import { clockOffsetSeconds } from '../src/probes/clock-reading.js';
import { CpuQuotaFault } from '../src/faults/cpu-quota-fault.js';
import { CpuStressFault } from '../src/faults/cpu-stress-fault.js';
import { DnsFailureFault } from '../src/faults/dns-failure-fault.js';
import type { Fault } from '../src/faults/fault.js';
import { ProcessPauseFault } from '../src/faults/process-pause-fault.js';
import { ProcessRestartFault } from '../src/faults/process-restart-fault.js';
import { ProcessSignalFault } from '../src/faults/process-signal-fault.js';
import { expectAddedLatencyAtMost, expectDocumentedOutcomes } from '../src/probes/documented-outcomes.js';
import { eventually } from '../src/units/eventually.js';
import { expectAllStatus } from '../src/probes/expectations.js';
import { expectReadBack, placeOrder, readOrder } from '../src/probes/orders.js';
import { parseStatusList } from '../src/probes/status-list.js';
import { probe } from '../src/probes/http-probe.js';
import { withinMs } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';
import { resetProbeConnections } from '../src/probes/http-probe.js';
import { FaultlineError } from '../src/errors.js';

async function inject(world: FaultlineWorld, fault: Fault): Promise<void> {
  await world.ready();
  await world.faults.inject(fault);
}

/** Ends the newest active fault whose kind starts with `kind` ("cpu:" for either CPU fault) on a service. */
async function end(world: FaultlineWorld, kind: string, service: string): Promise<void> {
  const fault = world.faults.find((candidate) => candidate.record.kind.startsWith(kind) && candidate.record.target === service);
  if (!fault) throw new FaultlineError('FL_MISSING_STEP', `no ${kind} fault is active on ${service} in this scenario`);
  await world.faults.remove(fault);
}

When('the {service} is paused', async function (this: FaultlineWorld, service: string) {
  await inject(this, new ProcessPauseFault(this.stack.topology.service(service)));
});

When('the {service} is resumed', async function (this: FaultlineWorld, service: string) {
  await end(this, 'process:pause', service);
});

When('the {service} crashes and is started again', async function (this: FaultlineWorld, service: string) {
  await inject(this, new ProcessRestartFault(this.stack.topology.service(service), () => this.stack.restartContainer(service)));
});

// Time in the service's own life (its timers and retries run in it), counted from its process's
// start as Docker recorded it.
When('the {service} has been up for {duration}', async function (this: FaultlineWorld, service: string, ms: number) {
  await this.ready();
  await waitUntilInstant((await this.stack.topology.service(service).startedAt()) + ms);
});

When('the {service} crash-loops every {duration}', async function (this: FaultlineWorld, service: string, ms: number) {
  await inject(this, new ProcessRestartFault(this.stack.topology.service(service), () => this.stack.restartContainer(service), ms));
});

When('the {service} stops crash-looping', async function (this: FaultlineWorld, service: string) {
  await end(this, 'process:restart-loop', service);
});

When('the {service} is under {percent} CPU pressure', async function (this: FaultlineWorld, service: string, fraction: number) {
  await inject(this, new CpuStressFault(this.stack.topology.service(service), Math.round(fraction * 100)));
});

When('the {service} may use only {percent} of one CPU', async function (this: FaultlineWorld, service: string, fraction: number) {
  await inject(this, new CpuQuotaFault(this.stack.topology.service(service), Math.round(fraction * 100)));
});

When('the CPU pressure on the {service} ends', async function (this: FaultlineWorld, service: string) {
  await end(this, 'cpu:', service);
});

Given('the {service} runs with a controllable clock', async function (this: FaultlineWorld, service: string) {
  await this.withControllableClock(service);
});

When(/^the clock of the ([a-z][a-z0-9 -]*) jumps (\d+)(s|m|h) (forward|back)$/, async function (this: FaultlineWorld, service: string, amount: string, unit: string, direction: string) {
  const seconds = Number(amount) * ({ s: 1, m: 60, h: 3600 } as Record<string, number>)[unit]!;
  const name = service.replace(/ /g, '-');
  await inject(this, new ClockSkewFault(this.stack.topology.service(name), direction === 'forward' ? seconds : -seconds));
  // The jump is in place once the service's own Date header shows it.
  const { value, elapsedMs } = await eventually(
    () => probe(this.stack.directUrl, { path: this.stack.config.service.readiness && 'http' in this.stack.config.service.readiness ? this.stack.config.service.readiness.http : '/', timeoutMs: 2_000 }),
    (result) => Math.abs((clockOffsetSeconds(result) ?? Number.NaN) - (direction === 'forward' ? seconds : -seconds)) <= 2,
    { expected: `the Date header of ${name} to be ${seconds}s ${direction === 'forward' ? 'ahead' : 'behind'}`, withinMs: withinMs(5_000), intervalMs: 50 },
  );
  this.evidence.measurements.push({
    label: `clock offset of ${name} read from its Date header`,
    measured: Number((clockOffsetSeconds(value) ?? Number.NaN).toFixed(1)),
    unit: 's',
    bound: `${direction === 'forward' ? seconds : -seconds} s ± 2 s (seen after ${Math.round(elapsedMs)} ms)`,
    ok: true,
  });
});

When('the {service} cannot resolve {string}', async function (this: FaultlineWorld, service: string, hostName: string) {
  await inject(this, new DnsFailureFault(this.stack.topology.service(service), hostName, 'refused'));
});

When('the DNS queries of the {service} for {string} go unanswered', async function (this: FaultlineWorld, service: string, hostName: string) {
  await inject(this, new DnsFailureFault(this.stack.topology.service(service), hostName, 'timeout'));
});

When('the {service} can resolve names again', async function (this: FaultlineWorld, service: string) {
  await end(this, 'dns:', service);
});

Then('the {service} is running', async function (this: FaultlineWorld, service: string) {
  const running = await this.stack.topology.service(service).isRunning();
  this.expect({ label: `${service} is running`, measured: Number(running), unit: 'match', bound: 'running', ok: running, detail: `${service} is not running` });
});

When('the {service} is killed with SIGKILL', async function (this: FaultlineWorld, service: string) {
  await inject(this, new ProcessSignalFault(this.stack.topology.service(service), 'SIGKILL', this.stack.restartAfterSignal(service)));
});

Then('every order/request ends in {string} within {duration}', function (this: FaultlineWorld, statuses: string, ms: number) {
  this.expect(expectDocumentedOutcomes(this.sample('current'), parseStatusList(statuses), ms));
});

Then('the {percentile} order/request latency rose by at most {duration}', function (this: FaultlineWorld, p: number, ms: number) {
  this.expect(expectAddedLatencyAtMost(this.sample('baseline'), this.sample('current'), p, ms));
});

When('the killed {service} is started again', async function (this: FaultlineWorld, service: string) {
  await end(this, 'process:sigkill', service);
  // A dependency comes back when its fault ends; the service under test is started here, as the step says.
  if (service === this.stack.config.service.name) {
    await this.stack.restartContainer(service);
    resetProbeConnections();
  }
});

// After SIGTERM (or any signal) and its exit: the dependency is started again now, not after the scenario.
When('the {service} is restarted after its exit', async function (this: FaultlineWorld, service: string) {
  await end(this, 'process:sig', service);
});

Then('an order with the {word} API key is refused with {status}', async function (this: FaultlineWorld, which: 'first' | 'second', status: number) {
  const result = await placeOrder(this.serviceUrl, { apiKey: this.stack.secret(which === 'first' ? 'api-key' : 'api-key-2') });
  this.recordRequests(`order with the ${which} key`, [result]);
  this.expect(expectAllStatus([result], [status], `an order with the ${which} key after the clock step`));
});

Then('every acknowledged order can still be read back', async function (this: FaultlineWorld) {
  const reads = await Promise.all(this.acknowledgedOrderIds().map((id) => readOrder(this.serviceUrl, id, this.apiKey)));
  this.recordRequests('read back', reads);
  this.expect(expectReadBack(reads));
});
