// `faultline init` writes a configuration that imports from the installed package and validates as
// written, cucumber.mjs with the package's steps and formatter, an example feature and a workflow;
// it never overwrites, and every missing or bad input is an FL_BAD_INPUT naming it.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { projectRoot } from '../project-root.js';
import { loadConfig } from '../config/load-config.js';
import { planScaffold, scaffold, scaffoldFiles } from './scaffold.js';

/** A project whose node_modules/faultline is this checkout's source, as an installed package's dist would be. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-init-'));
  const installed = join(dir, 'node_modules', 'faultline');
  mkdirSync(installed, { recursive: true });
  writeFileSync(join(installed, 'package.json'), JSON.stringify({ name: 'faultline', type: 'module', exports: { '.': './index.js' } }));
  writeFileSync(join(installed, 'index.js'), `export * from ${JSON.stringify(pathToFileURL(join(projectRoot, 'src', 'index.ts')).href)};\n`);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module' }));
  return dir;
}

test('init writes a configuration importing from the package, cucumber.mjs, a feature and a workflow', async () => {
  const dir = project();
  mkdirSync(join(dir, 'service'));
  writeFileSync(join(dir, 'service', 'Dockerfile'), 'FROM scratch\n');
  const written = scaffold({ projectDir: dir, serviceDir: 'service', name: 'quotes', port: 9000 });
  assert.deepEqual(written.map((path) => path.slice(dir.length + 1)), ['faultline.config.ts', 'cucumber.mjs', 'features/quotes.feature', '.github/workflows/faultline.yml']);
  const configText = readFileSync(join(dir, 'faultline.config.ts'), 'utf8');
  assert.match(configText, /from 'faultline';/);
  assert.doesNotMatch(configText, /\.\.\//);
  const loaded = await loadConfig(join(dir, 'faultline.config.ts'));
  assert.equal(loaded.config.service.name, 'quotes');
  assert.deepEqual(loaded.config.service.ports, [9000]);
  assert.deepEqual(loaded.config.service.build?.context, './service');
  assert.deepEqual(loaded.config.links.map((link) => link.to), ['upstream:8080', 'quotes:9000']);
  const cucumber = readFileSync(join(dir, 'cucumber.mjs'), 'utf8');
  assert.match(cucumber, /import: \['node_modules\/faultline\/dist\/steps\/\*\*\/\*\.js'\]/);
  assert.match(cucumber, /'faultline\/progress',[\s\S]*`junit:\$\{reportsDir\}\/junit\.xml`[\s\S]*`faultline\/formatter:\$\{reportsDir\}\/resilience-report\.json`/);
  const workflow = readFileSync(join(dir, '.github', 'workflows', 'faultline.yml'), 'utf8');
  assert.match(workflow, /run: npx faultline test/);
  assert.match(workflow, /The run itself appends reports\/summary\.md to the job summary/);
  assert.match(workflow, /actions\/upload-artifact@v4[\s\S]*reports\/junit\.xml[\s\S]*reports\/resilience-report\.html/);
  assert.throws(() => scaffold({ projectDir: dir, serviceDir: 'service' }), /FL_BAD_INPUT: .*faultline\.config\.ts, .*cucumber\.mjs, .* exist already; faultline init never overwrites/);
});

test('init with an image needs no Dockerfile and defaults to the project directory', () => {
  const dir = project();
  const plan = planScaffold({ projectDir: dir, image: 'quotes:1.2', name: 'quotes' });
  assert.equal(plan.image, 'quotes:1.2');
  assert.equal(plan.context, undefined);
  assert.match(scaffoldFiles(plan)['faultline.config.ts']!, /image: "quotes:1\.2",/);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  const fromDockerfile = planScaffold({ projectDir: dir, health: '/healthz', path: '/quote' });
  assert.equal(fromDockerfile.context, '.');
  const text = scaffoldFiles(fromDockerfile)['faultline.config.ts']!;
  assert.match(text, /readiness: \{ http: "\/healthz" \}/);
  assert.match(text, /request: \{ method: 'GET', path: "\/quote" \}/);
});

test('init names the missing or bad input and the fix', () => {
  const dir = project();
  assert.throws(() => planScaffold({ projectDir: dir }), /FL_BAD_INPUT: .* has no Dockerfile; give the directory that has your service's Dockerfile \(npx faultline init path\/to\/service\) or an image to run \(npx faultline init --image name:tag\)/);
  assert.throws(() => planScaffold({ projectDir: dir, serviceDir: 'nowhere' }), /FL_BAD_INPUT: the service directory .*nowhere does not exist/);
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  assert.throws(() => planScaffold({ projectDir: dir, port: 70000 }), /FL_BAD_INPUT: --port 70000 is not a usable port; give the port .* listens on/);
  assert.throws(() => planScaffold({ projectDir: dir, port: 8081 }), /not 8081, which the scriptable upstream's control API takes/);
  assert.throws(() => planScaffold({ projectDir: dir, name: 'Quotes_Service' }), /--name "Quotes_Service" is not usable as a network alias/);
  assert.throws(() => planScaffold({ projectDir: dir, name: 'upstream' }), /--name "upstream" is taken/);
  assert.throws(() => planScaffold({ projectDir: dir, health: 'healthz' }), /--health "healthz" is not a path; give one that starts with \/, for example --health \/healthz/);
  assert.throws(() => planScaffold({ projectDir: dir, image: 'bad image' }), /--image "bad image" is not an image reference/);
  assert.ok(!existsSync(join(dir, 'faultline.config.ts')));
});

test('a CommonJS project gets faultline.config.mts, which Node reads as a module', () => {
  const dir = project();
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'commonjs' }));
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  assert.equal(planScaffold({ projectDir: dir }).configFile, 'faultline.config.mts');
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'scratch', type: 'module' }));
  assert.equal(planScaffold({ projectDir: dir }).configFile, 'faultline.config.ts');
});
