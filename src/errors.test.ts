// The registry of error codes (src/errors.ts), the code that raises them and docs/errors.md stay in
// step: a code nobody raises is noise in the documentation, a code raised but not registered has no
// fix to show, and one missing from the documentation cannot be looked up.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { errorCatalogPath } from './docs/error-catalog.js';
import { errorRegistry } from './errors.js';
import { projectRoot } from './project-root.js';

/** Where errors are raised: the suite's sources and its step definitions, without tests and the registry itself. */
const raisingDirectories = ['src', 'steps', 'bin'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.(?:ts|mts|mjs)$/.test(entry.name) && !/\.test\.ts$|\.d\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Each code written as a string literal ('FL_X', "FL_X"): what FaultlineError is given, also through a condition. */
export function codesRaised(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const raised = new Map<string, string[]>();
  for (const file of files) {
    for (const match of read(file).matchAll(/(['"`])(FL_[A-Z0-9_]+)\1/g)) {
      const code = match[2]!;
      raised.set(code, [...new Set([...(raised.get(code) ?? []), relative(projectRoot, file)])]);
    }
  }
  return raised;
}

const registryFile = join(projectRoot, 'src', 'errors.ts');
const raised = codesRaised(
  raisingDirectories.flatMap((dir) => sources(join(projectRoot, dir))).filter((file) => file !== registryFile),
  (file) => readFileSync(file, 'utf8'),
);
const registered = Object.keys(errorRegistry);

test('every registered code is raised somewhere', () => {
  assert.deepEqual(registered.filter((code) => !raised.has(code)), [], 'no source raises these codes: raise them where the failure happens, or take them out of src/errors.ts');
});

test('every code raised is registered, with a summary and a fix', () => {
  const unregistered = [...raised].filter(([code]) => !registered.includes(code)).map(([code, files]) => `${code} (${files.join(', ')})`);
  assert.deepEqual(unregistered, [], 'these codes are raised but not in src/errors.ts');
  for (const [code, definition] of Object.entries(errorRegistry)) {
    assert.ok(definition.summary.length > 0 && definition.fix.length > 0, `${code} needs a summary and a fix`);
  }
});

test('every code raised is documented in docs/errors.md', () => {
  const documented = new Set([...readFileSync(errorCatalogPath, 'utf8').matchAll(/^\| `(FL_[A-Z0-9_]+)` \|/gm)].map((match) => match[1]!));
  assert.deepEqual([...raised.keys()].filter((code) => !documented.has(code)), [], 'run `npm run docs`');
});

test('a code counts as raised only as a string literal, not in a comment or a longer name', () => {
  const files: Record<string, string> = {
    [join(projectRoot, 'src', 'a.ts')]: "throw new FaultlineError(missing ? 'FL_IMAGE_MISSING' : \"FL_IMAGE_BUILD_FAILED\", detail);",
    [join(projectRoot, 'src', 'b.ts')]: '// fails with FL_TOXIPROXY_CRASHED\nconst name = "FL_BAD_CONFIG_X";',
  };
  const found = codesRaised(Object.keys(files), (file) => files[file]!);
  assert.deepEqual([...found.keys()].sort(), ['FL_BAD_CONFIG_X', 'FL_IMAGE_BUILD_FAILED', 'FL_IMAGE_MISSING']);
  assert.deepEqual(found.get('FL_IMAGE_MISSING'), [join('src', 'a.ts')]);
});
