import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { locateScenario } from './explore-scenario-process.js';

test('a scenario is found by its exact name among the features beside the configuration', () => {
  const root = mkdtempSync(join(tmpdir(), 'faultline-locate-'));
  mkdirSync(join(root, 'features', 'more'), { recursive: true });
  writeFileSync(join(root, 'faultline.config.ts'), '');
  writeFileSync(join(root, 'features', 'a.feature'), 'Feature: A\n\n  Scenario: Tips pass on errors\n    When a request is sent\n');
  writeFileSync(join(root, 'features', 'more', 'b.feature'), 'Feature: B\n  Scenario: Tips pass on errors, twice\n  Scenario Outline: Twice\n');
  assert.equal(locateScenario('Tips pass on errors', join(root, 'faultline.config.ts'), root), 'features/a.feature:3');
  assert.equal(locateScenario('Twice', join(root, 'faultline.config.ts'), root), 'features/more/b.feature:3');
  assert.throws(() => locateScenario('Tips', join(root, 'faultline.config.ts'), root), /no scenario named "Tips" in features/);
});
