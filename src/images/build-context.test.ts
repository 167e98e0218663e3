// The build context honours .dockerignore, yet always carries the Dockerfile Docker needs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildContextEntries } from './build-context.js';

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-context-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

test('an allow-list .dockerignore keeps its files, the Dockerfile and itself', () => {
  const dir = context({ Dockerfile: 'FROM x', '.dockerignore': '*\n!dist/\n', 'dist/server.mjs': '', 'src/main.ts': '', 'package.json': '{}' });
  assert.deepEqual(buildContextEntries(dir), ['.dockerignore', 'Dockerfile', 'dist/server.mjs']);
});

test('ignored directories are left out; without a .dockerignore everything goes', () => {
  const dir = context({ Dockerfile: 'FROM x', '.dockerignore': 'node_modules\nreports\n', 'server.mjs': '', 'node_modules/a/index.js': '', 'reports/x.html': '' });
  assert.deepEqual(buildContextEntries(dir), ['.dockerignore', 'Dockerfile', 'server.mjs']);
  const plain = context({ Dockerfile: 'FROM x', 'a/b.txt': '' });
  assert.deepEqual(buildContextEntries(plain), ['Dockerfile', 'a/b.txt']);
});
