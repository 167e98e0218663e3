import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config/load-config.js';
import { replicaContainer, replicasAsked, replicaServers, withReplicas } from './replicas-config.js';

test('the replica count comes from the scenario\'s own sentence, else 3', () => {
  assert.equal(replicasAsked(['the 4 order-service replicas are in rotation behind the balancer', 'replica-2 is paused']), 4);
  assert.equal(replicasAsked(['replica-2 is paused']), 3);
});

test('N replicas: N links for the balancer, N - 1 more containers of the service, the ingress through the balancer', async () => {
  const loaded = await loadConfig();
  const { config } = withReplicas(4)(loaded);
  assert.deepEqual(replicaServers(config), ['replica-1', 'replica-2', 'replica-3', 'replica-4']);
  const service = config.service.name;
  assert.deepEqual(config.dependencies!.map((dependency) => dependency.name).filter((name) => name.startsWith(`${service}-`)), [2, 3, 4].map((index) => replicaContainer(config, index)));
  assert.match(config.links.find((link) => link.name === config.service.ingress)!.to, /^haproxy:/);
});

test('a replica count the machine cannot hold is refused with the range and an example', async () => {
  const loaded = await loadConfig();
  assert.throws(() => withReplicas(9)(loaded), /FL_BAD_INPUT: 9 order-service replicas asked for; a scenario may ask for 2 to 5/);
  assert.throws(() => withReplicas(1)(loaded), /FL_BAD_INPUT/);
});
