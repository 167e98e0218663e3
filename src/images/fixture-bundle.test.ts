// A checkout's fixture is bundled when its bundle is missing or older than its sources; a shipped
// fixture (no sources) never is.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fixtureBundleNeeded } from './fixture-bundle.js';

test('a bundle is needed when missing or stale, and never without sources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-fixture-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'server.mjs'), '');
  assert.equal(fixtureBundleNeeded(dir), false, 'shipped: a bundle and no sources');
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'main.ts'), '');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(dir, 'dist', 'server.mjs'), past, past);
  assert.equal(fixtureBundleNeeded(dir), true, 'a source newer than the bundle');
  const now = new Date();
  utimesSync(join(dir, 'src', 'main.ts'), past, past);
  utimesSync(join(dir, 'dist', 'server.mjs'), now, now);
  assert.equal(fixtureBundleNeeded(dir), false, 'an up-to-date bundle');
});
