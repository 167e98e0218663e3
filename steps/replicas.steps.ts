import { Given, Then, When } from '@cucumber/cucumber';
import { orderIdsByKey } from '../src/dr/database-control.js';
import { FaultlineError } from '../src/errors.js';
import { activeMutant } from '../src/mutants/mutant-catalog.js';
import { expectFewDocumentedFailures, expectNoRetries, expectNoneFailed, expectStoredOnce, loadWithSignal, type ReplicaLoad } from '../src/replicas/replica-load.js';
import { replicaEnvironments, replicaSetOf, scenarioLoads } from '../src/replicas/replica-set.js';
import { timeOutOfRotation } from '../src/replicas/rotation-time.js';
import { replicasNames } from '../src/replicas/replicas-config.js';
import type { FaultlineWorld } from './support/world.js';

function lastLoad(world: FaultlineWorld): ReplicaLoad {
  const load = scenarioLoads.get(world);
  if (!load) throw new FaultlineError('FL_MISSING_STEP', 'no load ran through the balancer in this scenario');
  return load;
}

Given('the {int} order-service replicas are in rotation behind the balancer', async function (this: FaultlineWorld, count: number) {
  await this.ready();
  const set = replicaSetOf(this.stack);
  if (count !== set.replicas.length) throw new FaultlineError('FL_BAD_INPUT', `the replicas stack runs ${set.replicas.length} replicas, not ${count}`);
  const started = performance.now();
  const environments = replicaEnvironments(activeMutant(), this.stack.config.service.name);
  await set.reset(environments.replicas, environments.balancer);
  await this.stack.resetUpstreams();
  this.evidence.notes.replicas = { resetMs: Math.round(performance.now() - started), servers: await set.servers(), healthChecked: set.healthChecked };
});

When('orders are placed and read at {int} per second each for {duration} while {word} receives {word} after {duration}', async function (this: FaultlineWorld, perSecond: number, durationMs: number, server: string, signal: string, afterMs: number) {
  if (signal !== 'SIGKILL' && signal !== 'SIGTERM') throw new FaultlineError('FL_BAD_INPUT', `a replica receives SIGKILL or SIGTERM, not ${signal}`);
  const set = replicaSetOf(this.stack);
  const load = await loadWithSignal(set, this.faults, { baseUrl: this.serviceUrl, apiKey: this.apiKey, perSecond, reads: true }, { durationMs, server, signal, afterMs });
  scenarioLoads.set(this, load);
  this.setSample('orders', load.writes);
  this.setSample('reads', load.reads);
});

When('{word} is paused', async function (this: FaultlineWorld, server: string) {
  await replicaSetOf(this.stack).pause(this.faults, server);
});

Then('no order read failed', function (this: FaultlineWorld) {
  this.expect(expectNoneFailed(lastLoad(this).reads, 200, 'reads'));
});

Then('no order failed', function (this: FaultlineWorld) {
  this.expect(expectNoneFailed(lastLoad(this).writes, 201, 'orders'));
});

Then('at most {int} order(s) failed, each with a documented problem', function (this: FaultlineWorld, max: number) {
  this.expect(expectFewDocumentedFailures(lastLoad(this).writes, max));
});

Then('every acknowledged order is stored exactly once', async function (this: FaultlineWorld) {
  const writes = lastLoad(this).writes;
  const stored = await orderIdsByKey(this.stack.topology.service(replicasNames.database), writes.map((result) => result.idempotencyKey));
  this.expect(expectStoredOnce(writes, stored));
});

Then('the balancer retried no request', function (this: FaultlineWorld) {
  this.expect(expectNoRetries(lastLoad(this)));
});

Then('the balancer takes {word} out of rotation within {duration}', async function (this: FaultlineWorld, server: string, boundMs: number) {
  const pausedAt = this.faults.records.findLast((record) => record.kind === 'process:pause')?.injectedAt;
  if (pausedAt === undefined) throw new FaultlineError('FL_MISSING_STEP', `no replica was paused in this scenario before "${server} out of rotation"`);
  const { verdict, transitions } = await timeOutOfRotation(replicaSetOf(this.stack), server, pausedAt, boundMs);
  this.evidence.notes.balancerTransitions = transitions;
  this.expect(verdict);
});
