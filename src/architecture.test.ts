// The folders of src/ form layers: when two folders import each other, neither can be understood,
// tested or moved without the other. This reads every relative import of src/ (tests included, type
// imports included) and fails on each pair of folders that import each other, naming the imports.
// Files directly in src/ (the entry points cli.ts and index.ts, and the leaves errors.ts and
// project-root.ts) belong to no folder.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const srcDir = dirname(fileURLToPath(import.meta.url));

const importPattern = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|mts|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The folder of src/ a file belongs to, or undefined for a file directly in src/ or outside it. */
function folderOf(file: string): string | undefined {
  const parts = relative(srcDir, file).split(sep);
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : undefined;
}

/** "from -> to" for each folder that imports another, with the imports that do it. */
export function folderImports(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const from = folderOf(file);
    if (from === undefined) continue;
    for (const match of read(file).matchAll(importPattern)) {
      const specifier = match[1] ?? match[2] ?? match[3]!;
      const to = folderOf(resolve(dirname(file), specifier));
      if (to === undefined || to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${relative(srcDir, file)} imports ${specifier}`]);
    }
  }
  return edges;
}

export function mutualPairs(edges: ReadonlyMap<string, readonly string[]>): Array<{ readonly pair: readonly [string, string]; readonly imports: readonly string[] }> {
  const pairs: Array<{ pair: [string, string]; imports: string[] }> = [];
  for (const [edge, imports] of edges) {
    const [from, to] = edge.split(' -> ') as [string, string];
    const back = edges.get(`${to} -> ${from}`);
    if (back && from < to) pairs.push({ pair: [from, to], imports: [...imports, ...back] });
  }
  return pairs.sort((a, b) => a.pair.join().localeCompare(b.pair.join()));
}

test('no two folders of src/ import each other', () => {
  const pairs = mutualPairs(folderImports(sourceFiles(srcDir), (file) => readFileSync(file, 'utf8')));
  assert.deepEqual(
    pairs.map(({ pair, imports }) => `${pair[0]} <-> ${pair[1]}:\n    ${imports.join('\n    ')}`),
    [],
    'these folders import each other; move the shared part into a leaf folder, or turn the dependency around',
  );
});

test('the check sees static, type, re-export, dynamic and side-effect imports, and only pairs that go both ways', () => {
  const root = (path: string) => join(srcDir, path);
  const sources: Record<string, string> = {
    [root('a/one.ts')]: "import { b } from '../b/two.js';\nimport type { C } from '../c/three.js';",
    [root('b/two.ts')]: "export { a } from '../a/one.js';",
    [root('c/three.ts')]: "const d = await import('../d/four.js');",
    [root('d/four.ts')]: "import '../c/three.js';\nimport { e } from '../../outside.js';",
    [root('entry.ts')]: "import { a } from './a/one.js';",
  };
  const pairs = mutualPairs(folderImports(Object.keys(sources), (file) => sources[file]!));
  assert.deepEqual(pairs.map(({ pair }) => pair.join(' <-> ')), ['a <-> b', 'c <-> d']);
  assert.deepEqual(pairs[0]!.imports, ['a/one.ts imports ../b/two.js', 'b/two.ts imports ../a/one.js']);
});
