// docker-compose.yml (manual exploration, attach mode) and faultline.config.ts (the default
// configuration) describe the same reference stack: same services, links, ports and variables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { projectRoot } from '../project-root.js';
import { secretsFromTemplate } from './attach.js';
import { topologyOf } from './stack.js';
import { loadConfig } from '../config/load-config.js';

interface ComposeService {
  image?: string;
  build?: { context: string };
  environment?: Record<string, string>;
  ports?: string[];
  command?: string[];
  volumes?: string[];
}

const compose = parse(readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };
const proxies = JSON.parse(readFileSync(join(projectRoot, 'fixtures', 'toxiproxy', 'proxies.json'), 'utf8')) as Array<{ name: string; listen: string; upstream: string }>;
const loaded = await loadConfig(join(projectRoot, 'faultline.config.ts'));
const { config } = loaded;
const containers = [...(config.dependencies ?? []), config.service];
const { topology } = topologyOf(loaded);
const published = (service: ComposeService) => (service.ports ?? []).map((port) => Number(port.split(':').at(-1)));

test('the same services', () => {
  assert.deepEqual(Object.keys(compose.services).sort(), ['toxiproxy', ...containers.map((container) => container.name)].sort());
});

test("the same links, in the same order, on the ports the suite's Toxiproxy gives them", () => {
  assert.deepEqual(
    proxies.map((proxy) => ({ name: proxy.name, upstream: proxy.upstream, port: Number(proxy.listen.split(':').at(-1)) })),
    config.links.map((link) => ({ name: link.name, upstream: link.to, port: topology.link(link.name).listenPort })),
  );
  const toxiproxy = compose.services.toxiproxy!;
  assert.ok(toxiproxy.volumes?.some((volume) => volume.startsWith('./fixtures/toxiproxy/proxies.json:')), 'Toxiproxy loads fixtures/toxiproxy/proxies.json');
  assert.ok(published(toxiproxy).includes(8474), 'the Toxiproxy API is published');
  assert.ok(published(toxiproxy).includes(topology.link(config.service.ingress).listenPort), 'the ingress link is published');
});

test('the same images or build contexts, and the ports the suite reaches published', () => {
  for (const container of containers) {
    const service = compose.services[container.name]!;
    if (container.build) {
      assert.equal(resolve(projectRoot, service.build!.context), resolve(loaded.baseDir, container.build.context), `${container.name}: build context`);
    } else {
      assert.match(service.image ?? '', new RegExp(`^\\$\\{${container.imageVariable}:-`), `${container.name}: image from ${container.imageVariable}`);
    }
  }
  assert.ok(published(compose.services[config.service.name]!).includes(config.service.ports[0]!), 'the service under test publishes its port (metrics, readiness)');
  for (const dependency of config.dependencies ?? []) {
    if (dependency.control) assert.ok(published(compose.services[dependency.name]!).includes(dependency.control.port), `${dependency.name} publishes its control port`);
  }
});

test('the same variables, with the values the configuration gives them', () => {
  for (const container of containers) {
    const composed = compose.services[container.name]!.environment ?? {};
    const configured = container.environment ?? {};
    assert.deepEqual(Object.keys(composed).sort(), Object.keys(configured).sort(), `${container.name}: variable names`);
    for (const [key, template] of Object.entries(configured)) {
      // Links become the address the suite gives them; secrets may be any value of the right form.
      const withLinks = template.replace(/\{\{link:([^}]*)\}\}/g, (_, name: string) => `toxiproxy:${topology.link(name).listenPort}`);
      assert.ok(secretsFromTemplate(withLinks, String(composed[key])), `${container.name}.${key}: "${composed[key]}" is not of the form "${withLinks}"`);
    }
  }
});


test('healthchecks ask what the configuration waits for, and the service under test waits for healthy dependencies (docker compose up --wait)', () => {
  // Parsed again with YAML merge keys, which the healthchecks share their timing through.
  const merged = parse(readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, { healthcheck?: { test: string[]; interval?: string; retries?: number }; depends_on?: Record<string, { condition: string }> }>;
  };
  for (const container of containers) {
    const check = merged.services[container.name]!.healthcheck;
    assert.ok(check && check.interval && check.retries, `${container.name}: a healthcheck with its timing`);
    const command = check.test.join(' ');
    if ('http' in container.readiness) {
      const port = container.readiness.port ?? container.ports[0];
      assert.ok(command.includes(`http://127.0.0.1:${port}${container.readiness.http}`), `${container.name}: the healthcheck asks ${container.readiness.http} on port ${port} (${command})`);
    } else {
      assert.match(command, /^CMD pg_isready -h 127\.0\.0\.1 /, `${container.name}: pg_isready over TCP, past the initialisation server`);
    }
  }
  const dependsOn = merged.services[config.service.name]!.depends_on ?? {};
  assert.deepEqual(Object.keys(dependsOn).sort(), ['toxiproxy', ...(config.dependencies ?? []).map((dependency) => dependency.name)].sort());
  for (const dependency of config.dependencies ?? []) assert.equal(dependsOn[dependency.name]!.condition, 'service_healthy', `${dependency.name}: service_healthy`);
});
