import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest directory at or above `start` that holds a package.json. This file runs from
 * src/ in a checkout (through tsx) and from dist/src/ once compiled, in a checkout or installed in
 * node_modules/faultline; the package root is the first package.json above it in every case.
 */
export function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(start, '..');
  }
}

/** Faultline's own root: its fixtures, docs and package.json (a checkout, or node_modules/faultline). */
export const projectRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
