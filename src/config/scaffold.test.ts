// `faultline init` writes a configuration that validates as written and an example feature, and
// never overwrites what is there.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from './load-config.js';
import { scaffold } from './scaffold.js';

test('init scaffolds a valid configuration and an example feature', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-init-'));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  const [config, feature] = scaffold({ serviceDir: dir, name: 'quotes', port: 9000 });
  const loaded = await loadConfig(join(dir, 'faultline.config.ts'));
  assert.equal(loaded.config.service.name, 'quotes');
  assert.deepEqual(loaded.config.service.ports, [9000]);
  assert.deepEqual(loaded.config.links.map((link) => link.to), ['payment-gateway:8080', 'quotes:9000']);
  assert.ok(config!.endsWith('faultline.config.ts') && existsSync(feature!));
  assert.match(readFileSync(feature!, 'utf8'), /Scenario: Latency on the ingress link shows in every request/);
  assert.throws(() => scaffold({ serviceDir: dir }), /FL_BAD_CONFIG: .*faultline\.config\.ts exists already; faultline init never overwrites/);
});

test('init refuses a directory without a Dockerfile and a port it cannot use', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-init-'));
  assert.throws(() => scaffold({ serviceDir: dir }), /FL_BAD_CONFIG: .* has no Dockerfile; faultline init takes the directory of a service that Docker can build/);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  assert.throws(() => scaffold({ serviceDir: dir, port: 70000 }), /--port 70000 is not a usable port/);
});
