import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { projectRoot } from '../project-root.js';

/**
 * The run's secrets, handed from the test process to the check that runs after the reports are
 * written (the formatter writes them after the last hook). Git-ignored, readable by the owner
 * only, deleted by the check.
 */
const runSecretsPath = join(projectRoot, '.faultline', 'run-secrets.json');

/**
 * Adds the secrets of a run to those of earlier runs of the same test job (the main features, the
 * tip jar's, the attach run): the scan afterwards looks for all of them in all the reports.
 * `npm test` starts the job by deleting the file.
 */
export function saveRunSecrets(secrets: readonly string[]): void {
  // Installed as a package, nothing takes them afterwards: keep no secrets in node_modules/faultline.
  if (projectRoot.split(sep).includes('node_modules')) return;
  mkdirSync(join(projectRoot, '.faultline'), { recursive: true });
  const all = new Set([...takeRunSecrets(), ...secrets]);
  writeFileSync(runSecretsPath, JSON.stringify([...all]), { mode: 0o600 });
}

export function takeRunSecrets(): string[] {
  try {
    return JSON.parse(readFileSync(runSecretsPath, 'utf8')) as string[];
  } catch {
    return [];
  } finally {
    rmSync(runSecretsPath, { force: true });
  }
}
