import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { collectSteps, extractSteps, renderCatalog, stepCatalogPath } from './step-catalog.js';

test('step definitions are found with their keyword, expression and line', () => {
  const source = "import x;\nGiven('a baseline of {int} orders', fn);\nThen(\n  \"the breaker's open period\", fn);\n";
  assert.deepEqual(extractSteps(source, 'steps/x.steps.ts').map((e) => [e.keyword, e.expression, e.line]), [
    ['Given', 'a baseline of {int} orders', 2],
    ['Then', "the breaker's open period", 3],
  ]);
});

test('docs/steps.md is in step with the step definitions (run `npm run docs` when this fails)', () => {
  assert.equal(readFileSync(stepCatalogPath, 'utf8'), renderCatalog(collectSteps()));
});
