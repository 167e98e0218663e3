// `faultline init <service-dir>`: a configuration and an example feature for a new service, both
// valid as written, to be edited rather than written from nothing.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';

export interface ScaffoldOptions {
  readonly serviceDir: string;
  readonly name?: string;
  readonly port?: number;
}

function configText(name: string, port: number, importPath: string): string {
  return `// Faultline configuration of ${name}. Field reference: docs/writing-features.md#configuration.
// Check it with: npm run faultline -- check-config <this file>
import { defineConfig, scriptableUpstream } from '${importPath}';

export default defineConfig({
  name: '${name}',
  // What your service calls, each reached through a link so that faults can be injected on the way.
  // This stand-in is the suite's scriptable HTTP upstream (POST /charges, GET /health, a control API
  // on 8081); replace it with your real dependency ({ name, image or build, environment, ports,
  // readiness }), or keep it to script answers ("the payment gateway answers ...").
  dependencies: [
    scriptableUpstream(),
  ],
  links: [
    { name: 'upstream', to: 'payment-gateway:8080' },
    { name: 'ingress', to: '${name}:${port}' },
  ],
  service: {
    name: '${name}',
    build: { context: '.' },
    // {{link:upstream}} becomes the address (toxiproxy:PORT) through which ${name} reaches the upstream.
    environment: { PORT: '${port}', UPSTREAM_URL: 'http://{{link:upstream}}' },
    ports: [${port}],
    readiness: { http: '/health' },
    ingress: 'ingress',
    // The request "N requests are sent" sends. Add headers, a JSON body, or uniqueHeader: 'Idempotency-Key'.
    request: { method: 'GET', path: '/' },
    // metrics: { path: '/metrics' },   if the service exposes Prometheus text
  },
});
`;
}

function featureText(name: string): string {
  return `Feature: ${name} under network faults
  Written with the generic steps only (docs/steps.md); add your own scenarios below.

  Scenario: Latency on the ingress link shows in every request
    Given a baseline of 10 requests
    When the ingress link gets 100ms of downstream latency
    And 10 requests are sent
    Then every request takes at least 100ms

  Scenario: The service answers again soon after its ingress link comes back
    When the ingress link goes down
    And the ingress link comes back
    Then requests succeed again within 2s
`;
}

/** Writes the configuration and the example feature; returns their paths. Never overwrites. */
export function scaffold(options: ScaffoldOptions): string[] {
  const dir = resolve(options.serviceDir);
  if (!existsSync(join(dir, 'Dockerfile'))) {
    throw new FaultlineError('FL_BAD_CONFIG', `${dir} has no Dockerfile; faultline init takes the directory of a service that Docker can build (or write the configuration by hand with image: "name:tag")`);
  }
  const name = (options.name ?? basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '')) || 'my-service';
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new FaultlineError('FL_BAD_CONFIG', `--name "${name}" is not usable as a network alias; use lower-case letters, digits and dashes`);
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 1 || port > 65_535 || port === 8081) {
    throw new FaultlineError('FL_BAD_CONFIG', `--port ${String(options.port)} is not a usable port; give the port ${name} listens on (1-65535, not 8081, which the stand-in upstream's control API takes)`);
  }
  const configPath = join(dir, 'faultline.config.ts');
  const featurePath = join(dir, 'features', `${name}.feature`);
  for (const path of [configPath, featurePath]) {
    if (existsSync(path)) throw new FaultlineError('FL_BAD_CONFIG', `${path} exists already; faultline init never overwrites: move it away or edit it`);
  }
  let importPath = relative(dir, join(projectRoot, 'src', 'config', 'config.js'));
  if (!importPath.startsWith('.')) importPath = `./${importPath}`;
  writeFileSync(configPath, configText(name, port, importPath));
  mkdirSync(join(dir, 'features'), { recursive: true });
  writeFileSync(featurePath, featureText(name));
  const shown = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere === '' || fromHere.startsWith('..') ? path : fromHere;
  };
  return [shown(configPath), shown(featurePath)];
}
