// Packet faults on a container's own network interface (src/faults/packet-fault.ts): loss,
// corruption, duplication, delay, reordering and rate, and what they were seen to do.
import { Then, When } from '@cucumber/cucumber';
import type { PacketDirection, PacketImpairment } from '../src/faults/packet-impairment.js';
import { PacketFault } from '../src/faults/packet-fault.js';
import { expectCounterAtLeast, expectObservedFraction, packetEffects, type PacketEffect } from '../src/probes/packet-effect.js';
import { FaultlineError } from '../src/errors.js';
import { probe } from '../src/probes/http-probe.js';
import { expectConsistentAmounts } from '../src/probes/order-amounts.js';
import type { FaultlineWorld } from './support/world.js';

async function impair(world: FaultlineWorld, service: string, impairment: PacketImpairment, direction: PacketDirection): Promise<void> {
  await world.ready();
  const started = world.stack.topology.service(service);
  await world.faults.inject(new PacketFault({ name: service, containerId: () => started.container.getId() }, impairment, direction));
}

function activeFault(world: FaultlineWorld, service: string): PacketFault {
  const fault = world.faults.find((candidate) => candidate instanceof PacketFault && candidate.record.target === service);
  if (!fault) throw new FaultlineError('FL_MISSING_STEP', `no packet fault is active on the ${service}'s network in this scenario; inject one first ("When the ${service.replace(/-/g, ' ')}'s network loses 5% of packets")`);
  return fault as PacketFault;
}

When("the {service}'s network loses {percent} of {packets}", async function (this: FaultlineWorld, service: string, probability: number, direction: PacketDirection) {
  await impair(this, service, { kind: 'loss', probability }, direction);
});

When("the {service}'s network loses {percent} of {packets} with {percent} correlation", async function (this: FaultlineWorld, service: string, probability: number, direction: PacketDirection, correlation: number) {
  await impair(this, service, { kind: 'loss', probability, correlation }, direction);
});

When("the {service}'s network corrupts {percent} of {packets}", async function (this: FaultlineWorld, service: string, probability: number, direction: PacketDirection) {
  await impair(this, service, { kind: 'corruption', probability }, direction);
});

When("the {service}'s network duplicates {percent} of {packets}", async function (this: FaultlineWorld, service: string, probability: number, direction: PacketDirection) {
  await impair(this, service, { kind: 'duplication', probability }, direction);
});

When("the {service}'s network delays {packets} by {duration}", async function (this: FaultlineWorld, service: string, direction: PacketDirection, delayMs: number) {
  await impair(this, service, { kind: 'delay', delayMs, jitterMs: 0 }, direction);
});

When("the {service}'s network delays {packets} by {duration} ± {duration}", async function (this: FaultlineWorld, service: string, direction: PacketDirection, delayMs: number, jitterMs: number) {
  await impair(this, service, { kind: 'delay', delayMs, jitterMs }, direction);
});

When("the {service}'s network reorders {percent} of {packets}", async function (this: FaultlineWorld, service: string, probability: number, direction: PacketDirection) {
  await impair(this, service, { kind: 'reordering', probability }, direction);
});

When("the {service}'s network is limited to {rate}", async function (this: FaultlineWorld, service: string, kbitPerSecond: number) {
  await impair(this, service, { kind: 'rate', kbitPerSecond }, 'both');
});

When("the {service}'s network is limited to {rate} for {packets}", async function (this: FaultlineWorld, service: string, kbitPerSecond: number, direction: PacketDirection) {
  await impair(this, service, { kind: 'rate', kbitPerSecond }, direction);
});

When("the packet faults on the {service}'s network are removed", async function (this: FaultlineWorld, service: string) {
  let fault = this.faults.find((candidate) => candidate instanceof PacketFault && candidate.record.target === service);
  if (!fault) throw new FaultlineError('FL_MISSING_STEP', `no packet fault is active on the ${service}'s network`);
  while (fault) {
    await this.faults.remove(fault);
    fault = this.faults.find((candidate) => candidate instanceof PacketFault && candidate.record.target === service);
  }
});

Then("between {percent} and {percent} of the {service}'s packets were {word}", async function (this: FaultlineWorld, min: number, max: number, service: string, effect: string) {
  if (!packetEffects.includes(effect as PacketEffect)) throw new FaultlineError('FL_BAD_FAULT', `"${effect}" is not an effect a packet fault counts; use one of ${packetEffects.join(', ')}`);
  const fault = activeFault(this, service);
  this.expect(expectObservedFraction(await fault.observe(), effect as PacketEffect, min, max, fault.record.description));
});

Then("the {service}'s TCP retransmitted at least {int} segment(s)", async function (this: FaultlineWorld, service: string, min: number) {
  this.expect(expectCounterAtLeast(await activeFault(this, service).observe(), 'Tcp.RetransSegs', min, `TCP segments the ${service} retransmitted`));
});

Then("the {service}'s kernel discarded at least {int} segment(s) with a bad checksum", async function (this: FaultlineWorld, service: string, min: number) {
  this.expect(expectCounterAtLeast(await activeFault(this, service).observe(), 'Tcp.InCsumErrors', min, `TCP segments with a bad checksum the ${service} discarded`));
});

Then("the {service}'s network is as it was before the packet faults", function (this: FaultlineWorld, service: string) {
  const records = this.faults.records.filter((record) => record.kind.startsWith('packet:') && record.target === service);
  if (records.length === 0) throw new FaultlineError('FL_MISSING_STEP', `no packet fault was injected on the ${service}'s network in this scenario`);
  // The last packet fault removed from a container compares its namespace with what the first one found.
  const lastRemoved = records.filter((record) => record.removedAt !== undefined).sort((a, b) => a.removedAt! - b.removedAt!).at(-1);
  const unrestored = records.filter((record) => record.removedAt === undefined || (record === lastRemoved && record.parameters.namespaceRestored !== true));
  this.expect({
    label: `packet faults on the ${service}'s network left behind`,
    measured: unrestored.length,
    unit: 'faults',
    bound: 'exactly 0 (iptables rules of both backends, qdiscs and links as before)',
    ok: unrestored.length === 0,
    detail: `${unrestored.length} of ${records.length}: ${unrestored.map((record) => `${record.description} (${record.removedAt === undefined ? 'still active' : 'namespace differs'})`).join('; ') || 'none'}; removal took ${records.map((record) => `${record.removeMs ?? '?'} ms`).join(', ')}`,
  });
});

Then('no acknowledged order is stored with a wrong amount', async function (this: FaultlineWorld) {
  const acknowledged = [...this.samples.values()].flat().filter((result) => result.status === 201);
  const reads = new Map(
    await Promise.all(
      acknowledged.map(async (result) => {
        const id = (JSON.parse(result.body) as { id: string }).id;
        return [id, await probe(this.serviceUrl, { path: `/orders/${id}`, headers: { 'x-api-key': this.apiKey }, timeoutMs: 5_000 })] as const;
      }),
    ),
  );
  this.recordRequests('read back', [...reads.values()]);
  this.expect(expectConsistentAmounts(acknowledged, reads));
});
