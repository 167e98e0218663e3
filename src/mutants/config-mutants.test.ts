// Mutants declared in a configuration: validated where the configuration is loaded, found by name
// through FAULTLINE_MUTANT, and applied (image or build at load, environment by the World).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FaultlineConfig } from '../config/config.js';
import { loadConfig } from '../config/load-config.js';
import { validateConfig } from '../config/validate-config.js';
import { projectRoot } from '../project-root.js';
import { configuredMutant, useConfiguredMutant, withConfiguredMutant } from '../config/configured-mutant.js';
import { configSlug, mutantSummaryLines, mutantSummaryMarkdown } from './config-mutants.js';
import { activeMutant, asCatalogMutant } from './mutant-catalog.js';

const base: FaultlineConfig = {
  name: 'example',
  links: [{ name: 'front', to: 'svc:8000' }],
  service: { name: 'svc', image: 'svc:1', environment: { TIMEOUT_MS: '500' }, ports: [8000], readiness: { http: '/healthz' }, ingress: 'front' },
  mutants: [
    { name: 'no-timeout', environment: { TIMEOUT_MS: '0' }, tags: '@timeouts' },
    { name: 'old-image', breaks: 'last year\'s release', image: 'svc:0', tags: '@retries and not @slow' },
  ],
};
const check = (value: unknown) => validateConfig(value, 'my.config.ts', projectRoot);
const withMutants = (mutants: unknown) => ({ ...structuredClone(base), mutants });

test('declared mutants are part of a valid configuration', () => {
  assert.deepEqual(check(base).mutants, base.mutants);
});

const refused: Array<[string, unknown, RegExp]> = [
  ['a list expected', { name: 'x' }, /mutants is \{"name":"x"\}; expected a list of \{ name, environment \| image \| build, tags \}/],
  ['nothing that changes the service', [{ name: 'same', tags: '@a' }], /mutants\[0\] is .*; expected at least one of environment/],
  ['both image and build', [{ name: 'x', image: 'a:1', build: { context: '.' }, tags: '@a' }], /mutants\[0\]\.image is "a:1"; expected either image or build, not both/],
  ['no tags', [{ name: 'x', environment: { A: '1' } }], /mutants\[0\]\.tags is missing; expected a non-empty string, e\.g\. "@timeouts"/],
  ['tags without a tag', [{ name: 'x', environment: { A: '1' }, tags: 'timeouts' }], /mutants\[0\]\.tags is "timeouts"; expected a cucumber tag expression/],
  ['a name used twice', [{ name: 'x', environment: { A: '1' }, tags: '@a' }, { name: 'x', image: 'b:1', tags: '@a' }], /mutants\[1\]\.name is "x"; expected a mutant name used once/],
  ['a misspelt field', [{ name: 'x', enviroment: { A: '1' }, tags: '@a' }], /mutants\[0\]\.enviroment .*no such field \(allowed: name, breaks, environment, image, build, tags\)/],
  ['a placeholder naming no link', [{ name: 'x', environment: { URL: 'http://{{link:nowhere}}' }, tags: '@a' }], /mutants\[0\]\.environment\.URL .*with NAME one of the links \(front\)/],
  ['a build context that does not exist', [{ name: 'x', build: { context: './nowhere' }, tags: '@a' }], /mutants\[0\]\.build\.context is "\.\/nowhere"; expected a directory/],
];
for (const [what, mutants, message] of refused) {
  test(`refused mutant: ${what}`, () => {
    assert.throws(() => check(withMutants(mutants)), (error: Error) => error.message.startsWith('FL_BAD_CONFIG: my.config.ts: ') && message.test(error.message));
  });
}

test('FAULTLINE_MUTANT picks a configured mutant; an image mutant replaces the service image at load', () => {
  assert.equal(configuredMutant(base, {}), undefined);
  assert.equal(configuredMutant(base, { FAULTLINE_MUTANT: 'breaker-never-opens' }), undefined);
  const mutated = withConfiguredMutant(base, { FAULTLINE_MUTANT: 'old-image' });
  assert.equal(mutated.service.image, 'svc:0');
  assert.deepEqual(mutated.service.environment, { TIMEOUT_MS: '500' });
  assert.equal(activeMutant({ FAULTLINE_MUTANT: 'old-image' })?.breaks, 'last year\'s release');
});

test('an environment mutant leaves the image and is laid over scenarios by the World, as the catalog\'s are', () => {
  const mutated = withConfiguredMutant(base, { FAULTLINE_MUTANT: 'no-timeout' });
  assert.equal(mutated, base);
  assert.deepEqual(activeMutant({ FAULTLINE_MUTANT: 'no-timeout' }), { name: 'no-timeout', breaks: 'the service with TIMEOUT_MS=0', environment: { TIMEOUT_MS: '0' }, tags: '@timeouts' });
  useConfiguredMutant(undefined);
  assert.throws(() => activeMutant({ FAULTLINE_MUTANT: 'no-timeout' }), /is not a known mutant; known: .*, or a mutant declared in the configuration's `mutants`/);
});

test('a build mutant is described by what it changes', () => {
  assert.equal(asCatalogMutant({ name: 'b', build: { context: './broken' }, environment: { A: '1' }, tags: '@a' }).breaks, 'the service with a build from ./broken and A=1');
});

test('mutant verdicts are printed as npm run test:mutants prints them', () => {
  const result = { name: 'no-timeout', breaks: 'b', tags: '@t', scenarios: 1, passed: [], runSucceeded: false, brokenScenarios: [], durationMs: 4200 };
  assert.deepEqual(mutantSummaryLines([{ ...result, killed: true, killedBy: ['f.feature › S (at "Then x")'] }, { ...result, name: 'other', killed: false, killedBy: [] }]), [
    '  killed   no-timeout               4.2 s  f.feature › S (at "Then x")',
    '  SURVIVED other                    4.2 s',
    '1 passed, 1 failed',
  ]);
});

test('the tip jar declares a mutant that its timeout scenario must kill', async () => {
  const tipJar = await loadConfig(join(projectRoot, 'fixtures', 'tip-jar', 'faultline.config.ts'));
  assert.deepEqual(tipJar.config.mutants?.map((mutant) => [mutant.name, mutant.tags]), [['tip-jar-slow-timeout', '@tip-jar-timeouts']]);
});

test('each configuration keeps its mutant results in a directory of its own name', () => {
  assert.equal(configSlug('tip jar'), 'tip-jar');
  assert.equal(configSlug('  Orders & Payments (EU) '), 'orders-payments-eu');
  assert.equal(configSlug('…'), 'configuration');
});

test('the verdicts as Markdown for a CI job summary', () => {
  const result = { breaks: 'waits | forever', tags: '@t', scenarios: 1, passed: [], runSucceeded: false, brokenScenarios: [], durationMs: 12_100 };
  assert.equal(
    mutantSummaryMarkdown('tip jar', [{ ...result, name: 'slow', killed: true, killedBy: ['f.feature › S (at "Then x")'] }, { ...result, name: 'other', killed: false, killedBy: [] }]),
    [
      '## ❌ Mutation checks of tip jar: 1 killed, 1 survived',
      '',
      '| Verdict | Mutant | What it breaks | Killed by | Duration |',
      '|---|---|---|---|---:|',
      '| ✅ killed | slow | waits \\| forever | f.feature › S (at "Then x") | 12.1 s |',
      '| ❌ survived | other | waits \\| forever | no scenario of @t failed in a Then step | 12.1 s |',
      '',
    ].join('\n'),
  );
});
