// A configuration is checked against its schema when it is loaded: every mistake names the file,
// the field, the value found and what would be accepted.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../project-root.js';
import type { FaultlineConfig } from './config.js';
import { loadConfig } from './load-config.js';
import { validateConfig } from './validate-config.js';

const valid: FaultlineConfig = {
  name: 'example',
  dependencies: [{ name: 'upstream', image: 'upstream:1', ports: [8080, 8081], readiness: { http: '/health' }, control: { port: 8081, token: '{{secret:token}}' } }],
  links: [
    { name: 'payments', to: 'upstream:8080' },
    { name: 'front', to: 'svc:8000' },
  ],
  service: { name: 'svc', image: 'svc:1', environment: { UPSTREAM: 'http://{{link:payments}}', KEY: '{{secret:key}}' }, ports: [8000], readiness: { http: '/healthz' }, ingress: 'front' },
};

/** The valid configuration with one change, given as a function of a deep copy. */
function changed(change: (config: any) => void): unknown {
  const copy = structuredClone(valid) as any;
  change(copy);
  return copy;
}

const check = (value: unknown) => validateConfig(value, 'my.config.ts', projectRoot);

test('a valid configuration is returned as it is', () => {
  assert.deepEqual(check(valid), valid);
});

const cases: Array<[string, (config: any) => void, RegExp]> = [
  ['a misspelt field', (c) => { c.service.ingres = 'front'; }, /service\.ingres is "front"; expected no such field \(allowed: name, image, .*ingress/],
  ['a port that is not a number', (c) => { c.service.ports = ['8000']; }, /service\.ports\[0\] is "8000"; expected a port number from 1 to 65535/],
  ['both image and build', (c) => { c.service.build = { context: '.' }; }, /service\.image is "svc:1"; expected exactly one of image/],
  ['a build context that does not exist', (c) => { delete c.service.image; c.service.build = { context: './nowhere' }; }, /service\.build\.context is "\.\/nowhere"; expected a directory relative to the configuration file/],
  ['a link to an unknown service', (c) => { c.links[0].to = 'upstrem:8080'; }, /links\[0\]\.to is "upstrem:8080"; expected "service:port" with service one of upstream, svc/],
  ['a link to a port the service does not have', (c) => { c.links[0].to = 'upstream:9999'; }, /links\[0\]\.to is "upstream:9999"; expected "upstream:PORT" with PORT one of upstream's ports \(8080, 8081\)/],
  ['an ingress that is not a link', (c) => { c.service.ingress = 'ingress'; }, /service\.ingress is "ingress"; expected one of the links \(payments, front\)/],
  ['an ingress that leads elsewhere', (c) => { c.service.ingress = 'payments'; }, /service\.ingress is "payments"; expected a link to the service under test \(svc\), but it leads to upstream:8080/],
  ['a placeholder naming an unknown link', (c) => { c.service.environment.UPSTREAM = 'http://{{link:payment}}'; }, /service\.environment\.UPSTREAM is "http:\/\/\{\{link:payment\}\}"; expected \{\{link:NAME\}\} with NAME one of the links \(payments, front\)/],
  ['an unknown placeholder kind', (c) => { c.service.environment.KEY = '{{secrit:key}}'; }, /expected placeholders of the form \{\{link:NAME\}\}/],
  ['a number in the environment', (c) => { c.service.environment.PORT = 8000; }, /service\.environment\.PORT is 8000; expected a string \(quote numbers: "3000"\)/],
  ['a control port that is not published', (c) => { c.dependencies[0].control.port = 9000; }, /dependencies\[0\]\.control\.port is 9000; expected one of the container's ports \(8080, 8081\)/],
  ['a readiness with neither http nor log', (c) => { c.service.readiness = {}; }, /service\.readiness is \{\}; expected either \{ http: "\/health" \} or \{ log:/],
  ['a malformed startup timeout', (c) => { c.service.startupTimeout = 'soon'; }, /service\.startupTimeout is "soon"; expected a duration such as "60s"/],
  ['a name that cannot be a network alias', (c) => { c.service.name = 'My Service'; }, /service\.name is "My Service"; expected lower-case letters, digits and dashes/],
  ['a service named toxiproxy', (c) => { c.dependencies[0].name = 'toxiproxy'; c.links[0].to = 'toxiproxy:8080'; }, /dependencies\[0\]\.name is "toxiproxy"; expected a name used once, and not "toxiproxy"/],
  ['a secret key that is not in the environment', (c) => { c.service.secretEnvironment = ['PASSWORD']; }, /service\.secretEnvironment\[0\] is "PASSWORD"; expected a key of service\.environment \(UPSTREAM, KEY\)/],
  ['pristineWhen without metrics', (c) => { c.service.pristineWhen = { metric: 'm', value: 0 }; }, /service\.metrics is missing; expected \{ path: "\/metrics" \}: pristineWhen reads a metric/],
  ['no links', (c) => { c.links = []; }, /links is \[\]; expected a non-empty list/],
  ['stateless that is not a boolean', (c) => { c.service.stateless = 'yes'; }, /service\.stateless is "yes"; expected true or false/],
  ['an unknown top-level field', (c) => { c.mutant = []; }, /my\.config\.ts: mutant is \[\]; expected no such field \(allowed: name, service, dependencies, links, mutants\)/],
  ['a readiness path without its slash', (c) => { c.service.readiness = { http: 'healthz' }; }, /service\.readiness\.http is "healthz"; expected a path starting with "\/"/],
  ['a readiness log that is not a regular expression', (c) => { c.service.readiness = { log: 'ready (' }; }, /service\.readiness\.log is "ready \("; expected a regular expression \(Invalid regular expression/],
  ['an empty readiness log', (c) => { c.service.readiness = { log: ' ' }; }, /service\.readiness\.log is " "; expected a regular expression$/m],
  ['a readiness port the container does not have', (c) => { c.service.readiness.port = 9000; }, /service\.readiness\.port is 9000; expected one of the container's ports \(8000\)/],
  ['a link name used twice', (c) => { c.links[1].name = 'payments'; c.service.ingress = 'payments'; }, /links\[1\]\.name is "payments"; expected a link name used once/],
  ['a request method that is not one', (c) => { c.service.request = { method: 'FETCH', path: '/' }; }, /service\.request\.method is "FETCH"; expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS/],
  ['stateless together with pristineWhen', (c) => { c.service.stateless = true; c.service.metrics = { path: '/metrics' }; c.service.pristineWhen = { metric: 'm', value: 0 }; }, /service\.stateless is true; expected left out when pristineWhen is set/],
];

for (const [what, change, message] of cases) {
  test(`refused: ${what}`, () => {
    assert.throws(() => check(changed(change)), (error: Error) => error.message.startsWith('FL_BAD_CONFIG: my.config.ts: ') && message.test(error.message) && /fix: /.test(error.message));
  });
}

test('several mistakes are listed together, one per line, each with its field', () => {
  const broken = changed((c) => {
    c.name = '';
    c.service.ports = [0];
    c.dependencies[0].enviroment = {};
  });
  assert.throws(() => check(broken), (error: Error) => {
    const lines = error.message.split('\n');
    assert.equal(lines[0], 'FL_BAD_CONFIG: my.config.ts: 3 problems:');
    assert.match(lines[1]!, /^  - name is ""; expected a non-empty string/);
    assert.match(lines[2]!, /^  - service\.ports\[0\] is 0; expected a port number from 1 to 65535/);
    assert.match(lines[3]!, /^  - dependencies\[0\]\.enviroment is \{\}; expected no such field \(allowed: .*environment/);
    assert.match(lines[4]!, /^  fix: /);
    return true;
  });
});

test('both shipped configurations load and validate', async () => {
  const reference = await loadConfig(join(projectRoot, 'faultline.config.ts'));
  assert.equal(reference.config.service.name, 'order-service');
  const tipJar = await loadConfig(join(projectRoot, 'fixtures', 'tip-jar', 'faultline.config.ts'));
  assert.equal(tipJar.config.service.ingress, 'front');
});

test('a configuration file that does not exist, or exports nothing, says what to do', async () => {
  await assert.rejects(loadConfig('/nowhere/faultline.config.ts'), /FL_BAD_CONFIG: the configuration file \/nowhere\/faultline\.config\.ts \(given\) does not exist; create one with `npx faultline init` in your service.s directory or fix the path/);
  const dir = mkdtempSync(join(tmpdir(), 'faultline-config-'));
  writeFileSync(join(dir, 'empty.config.ts'), 'export const name = 1;\n');
  await assert.rejects(loadConfig(join(dir, 'empty.config.ts')), /has no default export; write `export default defineConfig\(\{ \.\.\. \}\)`/);
});
