import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { errorRegistry, FaultlineError } from '../errors.js';
import { errorCatalogPath, renderErrorCatalog } from './error-catalog.js';

test('docs/errors.md is in step with the registry (run `npm run docs` when this fails)', () => {
  assert.equal(readFileSync(errorCatalogPath, 'utf8'), renderErrorCatalog());
});

test('every raised error carries its code, the input and the fix', () => {
  const error = new FaultlineError('FL_UNKNOWN_LINK', '"paymnet" is not a link of this stack; links: payment, ingress');
  assert.match(error.message, /^FL_UNKNOWN_LINK: "paymnet" is not a link/);
  assert.ok(error.message.endsWith(errorRegistry.FL_UNKNOWN_LINK.fix));
});
