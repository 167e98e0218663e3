import { Then, When } from '@cucumber/cucumber';
import { LinkDownFault } from '../src/faults/link-down-fault.js';
import { linkFaults } from '../src/faults/link-faults.js';
import { parseToxicAttributes, type ToxicStream, type ToxicType } from '../src/faults/toxic-attributes.js';
import { ToxicFault } from '../src/faults/toxic-fault.js';
import { expectExactCount } from '../src/probes/expectations.js';
import { containerFaultLeftovers } from '../src/faults/container-leftovers.js';
import type { FaultlineWorld } from './support/world.js';
import { FaultlineError } from '../src/errors.js';

When('the {link} link gets {duration} of {stream} latency', async function (this: FaultlineWorld, link: string, ms: number, stream: ToxicStream) {
  await this.ready();
  await this.faults.inject(new ToxicFault(this.stack.topology.proxyOf(link), link, 'latency', { latency: ms, jitter: 0 }, stream));
});

When('the {link} link gets a {toxic} toxic with {string} on {stream}', async function (this: FaultlineWorld, link: string, type: ToxicType, attributes: string, stream: ToxicStream) {
  await this.ready();
  await this.faults.inject(new ToxicFault(this.stack.topology.proxyOf(link), link, type, parseToxicAttributes(type, attributes), stream));
});

When('the {link} link goes down', async function (this: FaultlineWorld, link: string) {
  await this.ready();
  await this.faults.inject(new LinkDownFault(this.stack.topology.proxyOf(link), link));
});

When('the {link} link comes back', async function (this: FaultlineWorld, link: string) {
  const fault = this.faults.find((candidate) => candidate.record.kind === 'link-down' && candidate.record.target === link);
  if (!fault) throw new FaultlineError('FL_MISSING_STEP', `the ${link} link was not taken down in this scenario`);
  await this.faults.remove(fault);
});

When("the {link} link's faults are removed", async function (this: FaultlineWorld, link: string) {
  for (let fault = this.faults.find((f) => f.record.target === link); fault; fault = this.faults.find((f) => f.record.target === link)) {
    await this.faults.remove(fault);
  }
});

function expectNoFaults(world: FaultlineWorld, label: string, faults: readonly string[], clean: string): void {
  world.expect(expectExactCount(label, faults.length, 0, faults.length > 0 ? faults.join('; ') : clean));
}

// Reads Toxiproxy itself, not what this scenario believes it injected: a fault left over from an
// earlier scenario, or added by hand in attach mode, shows here too.
Then('no link has a fault', async function (this: FaultlineWorld) {
  await this.ready();
  const links = this.stack.topology.linkNames;
  expectNoFaults(this, 'faults on the links', linkFaults(await this.stack.topology.toxiproxyState(), links), `links ${links.join(', ')} are up without toxics`);
});

// What the Before hook's reset found on the links: a fault that an earlier scenario failed to remove.
Then('no fault was left over from the scenario before', function (this: FaultlineWorld) {
  expectNoFaults(this, 'faults left over at the start of the scenario', (this.evidence.notes.faultsAtStart as string[] | undefined) ?? [], 'the reset before the scenario found the links clean');
});

// Reads the engine: no container of the stack paused or CPU-limited, no fault sidecar left running.
Then('no container has a fault', async function (this: FaultlineWorld) {
  await this.ready();
  const ids = this.stack.topology.serviceNames.map((name) => this.stack.topology.service(name).container.getId());
  expectNoFaults(this, 'container faults', await containerFaultLeftovers(ids), 'no container is paused or CPU-limited and no fault sidecar runs');
});
