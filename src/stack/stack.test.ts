// What a configuration turns into before anything starts: placeholders filled with the run's link
// addresses and secrets, and clear errors for steps that need what the configuration lacks.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../config/load-config.js';
import { projectRoot } from '../project-root.js';
import { fillPlaceholders, secretMaker, Stack, topologyOf } from './stack.js';
import type { StartedTopology } from '../topology/started-topology.js';

test('placeholders become link addresses and per-run secrets, the same secret everywhere', () => {
  const secrets = secretMaker(new Map());
  const port = (name: string) => ({ payment: 8666, db: 8667 })[name]!;
  assert.equal(fillPlaceholders('http://{{link:payment}}', port, secrets), 'http://toxiproxy:8666');
  assert.equal(fillPlaceholders('{{link-host:db}}/{{link-port:db}}', port, secrets), 'toxiproxy/8667');
  const a = fillPlaceholders('{{secret:key}}', port, secrets);
  assert.match(a, /^[0-9a-f]{32}$/);
  assert.equal(fillPlaceholders('k={{secret:key}}', port, secrets), `k=${a}`);
});

test("the tip jar's configuration becomes its topology, with secrets only where it asks for them", async () => {
  const loaded = await loadConfig(join(projectRoot, 'fixtures', 'tip-jar', 'faultline.config.ts'));
  const { topology, secrets } = topologyOf(loaded);
  assert.equal(topology.link('payments').listenPort, 8666);
  assert.equal(topology.link('front').listenPort, 8667);
  assert.deepEqual([...secrets.keys()], ['gateway-token']);
});

test('a step that needs metrics, a control API or a secret the configuration lacks says which field to add', async () => {
  const tipJar = await loadConfig(join(projectRoot, 'fixtures', 'tip-jar', 'faultline.config.ts'));
  // The tip jar without its upstream's control API; nothing is started.
  const dependencies = tipJar.config.dependencies!.map(({ control: _control, ...rest }) => rest);
  const loaded = { ...tipJar, config: { ...tipJar.config, dependencies } };
  const stack = new Stack(loaded, {} as StartedTopology, new Map(), new Map());
  assert.throws(() => stack.metricsPath('reading metrics'), /FL_MISSING_CAPABILITY: "reading metrics" reads the service's Prometheus metrics, but service\.metrics is not set in .*tip-jar\/faultline\.config\.ts; add metrics: \{ path: "\/metrics" \}/);
  assert.throws(() => stack.upstream('payment-gateway'), /FL_MISSING_CAPABILITY: "payment-gateway" has no control API in .*; steps that script its answers or count its requests need dependencies\[\]\.control/);
  assert.throws(() => stack.upstream('bank'), /FL_MISSING_CAPABILITY: "bank" is not a dependency in .*; dependencies: payment-gateway/);
  assert.throws(() => stack.secret('api-key'), /FL_MISSING_CAPABILITY: this step needs the secret "api-key" but .* declares no \{\{secret:api-key\}\}/);
});
