// The Cucumber extension's settings (.vscode/settings.json) find the same features, step
// definitions and parameter types as cucumber-js itself: autocomplete and "go to definition" stay
// right when steps or parameter types change.
import assert from 'node:assert/strict';
import { globSync, readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import { test } from 'node:test';
import { projectRoot } from '../project-root.js';

const settings = JSON.parse(readFileSync(join(projectRoot, '.vscode', 'settings.json'), 'utf8')) as {
  'cucumber.features': string[];
  'cucumber.glue': string[];
  'cucumber.parameterTypes': Array<{ name: string; regexp: string }>;
};
const profiles = (await import(join(projectRoot, 'cucumber.mjs'))) as Record<string, { import?: string[]; paths?: string[] }>;

test('the glue is what cucumber-js imports (less the loader hook)', () => {
  const imported = profiles.default!.import!.filter((path) => path.endsWith('.ts'));
  assert.deepEqual([...settings['cucumber.glue']].sort(), [...imported].sort());
});

test('every feature file of every profile is covered', () => {
  // cucumber-js's default (the profiles without paths) plus every profile's own.
  const patterns = new Set(['features/**/*.feature', ...Object.values(profiles).flatMap((profile) => profile.paths ?? [])]);
  const files = [...patterns].flatMap((pattern) => globSync(pattern, { cwd: projectRoot }));
  assert.ok(files.length > 15, `found ${files.length} feature files`);
  for (const file of files) assert.ok(settings['cucumber.features'].some((glob) => matchesGlob(file, glob)), `${file} is not covered by cucumber.features`);
});

test('the parameter types are the ones the steps define, with the same patterns', () => {
  const source = readFileSync(join(projectRoot, 'steps', 'support', 'parameter-types.ts'), 'utf8');
  const defined = [...source.matchAll(/defineParameterType\(\{ name: '([^']+)', regexp: \/(.+?)\/, /g)].map((match) => ({ name: match[1]!, regexp: match[2]! }));
  assert.ok(defined.length >= 8, `found ${defined.length} parameter types in parameter-types.ts`);
  assert.deepEqual(settings['cucumber.parameterTypes'], defined);
});
