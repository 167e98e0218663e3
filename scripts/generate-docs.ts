// Regenerates the documentation that is derived from code: docs/steps.md and docs/errors.md.
import { writeFileSync } from 'node:fs';
import { errorCatalogPath, renderErrorCatalog } from '../src/docs/error-catalog.js';
import { collectSteps, renderCatalog, stepCatalogPath } from '../src/docs/step-catalog.js';

writeFileSync(stepCatalogPath, renderCatalog(collectSteps()));
writeFileSync(errorCatalogPath, renderErrorCatalog());
console.log(`wrote ${stepCatalogPath} and ${errorCatalogPath}`);
