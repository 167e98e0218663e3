import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CucumberExpression, ParameterType, ParameterTypeRegistry } from '@cucumber/cucumber-expressions';
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

test('every step in the catalog is printed as the cucumber expression that runs, and compiles as one', () => {
  const registry = new ParameterTypeRegistry();
  // The suite's own parameter types, by name (their regexps do not matter to whether an expression compiles).
  const source = readFileSync(new URL('../../steps/support/parameter-types.ts', import.meta.url), 'utf8');
  for (const [, name] of source.matchAll(/defineParameterType\(\{ name: '([a-z]+)'/g)) {
    registry.defineParameterType(new ParameterType(name!, /[^ ]+/, null, (text: string) => text, false, false));
  }
  const entries = collectSteps();
  const printed = [...renderCatalog(entries).matchAll(/^- \*\*(?:Given|When|Then)\*\* `(.*)`$/gm)].map((match) => match[1]!);
  assert.deepEqual([...printed].sort(), entries.map((entry) => entry.expression).sort());
  for (const expression of printed) assert.doesNotThrow(() => new CucumberExpression(expression, registry), expression);
  const breaker = printed.find((expression) => expression.includes('metrics'));
  if (breaker) assert.match(new CucumberExpression(breaker, registry).regexp.source, /\\\/metrics/);
});
