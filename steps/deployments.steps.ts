import { When } from '@cucumber/cucumber';
import { loadWhile } from '../src/replicas/replica-load.js';
import { replicaSetOf, scenarioLoads } from '../src/replicas/replica-set.js';
import { rollingRestart } from '../src/replicas/rolling-restart.js';
import type { FaultlineWorld } from './support/world.js';

When('every replica is restarted one at a time while orders are placed at {int} per second', async function (this: FaultlineWorld, perSecond: number) {
  const set = replicaSetOf(this.stack);
  const load = await loadWhile(set, { baseUrl: this.serviceUrl, apiKey: this.apiKey, perSecond, reads: false }, { during: () => rollingRestart(set, this.faults, { drainBoundMs: 5_000, upBoundMs: 10_000 }) });
  scenarioLoads.set(this, load);
  this.setSample('orders', load.writes);
  this.evidence.notes.rollingRestart = load.outcome;
});
