import { join } from 'node:path';
import { errorRegistry } from '../errors.js';
import { projectRoot } from '../project-root.js';

export const errorCatalogPath = join(projectRoot, 'docs', 'errors.md');

/** docs/errors.md, generated from the one registry of error codes in src/errors.ts. */
export function renderErrorCatalog(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from src/errors.ts by `npm run docs`; a test fails when this file is stale. -->',
    '',
    'Every error Faultline raises for bad input or a broken environment starts with its code, says',
    'which input is at fault, and ends with the fix.',
    '',
    '| code | what went wrong | fix |',
    '| --- | --- | --- |',
    ...Object.entries(errorRegistry).map(([code, entry]) => `| \`${code}\` | ${entry.summary} | ${entry.fix.replace(/\|/g, '\\|')} |`),
  ];
  return `${lines.join('\n')}\n`;
}
