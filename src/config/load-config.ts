// Finds, imports and validates the configuration: the path given, else FAULTLINE_CONFIG, else
// faultline.config.ts at the project root (the reference stack).
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FaultlineError } from '../errors.js';
import { resolveImageCatalog } from '../images/image-catalog.js';
import { projectRoot } from '../project-root.js';
import type { ConfigInput, FaultlineConfig } from './config.js';
import { validateConfig } from './validate-config.js';
import { withConfiguredMutant } from './configured-mutant.js';

export interface LoadedConfig {
  readonly config: FaultlineConfig;
  /** Absolute path of the file it came from. */
  readonly path: string;
  /** Directory that relative paths in it (build contexts, files) are resolved against. */
  readonly baseDir: string;
}

/** The names a configuration is found by: .mts where the project's package.json does not say "type": "module". */
export const defaultConfigNames = ['faultline.config.ts', 'faultline.config.mts'] as const;

export function configPath(given?: string): string {
  if (given === undefined && !process.env.FAULTLINE_CONFIG) {
    const found = defaultConfigNames.map((name) => resolve(process.cwd(), name)).find((path) => existsSync(path));
    if (found) return found;
  }
  const chosen = given ?? process.env.FAULTLINE_CONFIG ?? 'faultline.config.ts';
  if (isAbsolute(chosen)) return chosen;
  if (given === undefined && process.env.FAULTLINE_CONFIG) return resolve(process.cwd(), chosen);
  // Relative to the user's project (the working directory) when the file is there, else to Faultline's own root (the reference stack).
  const here = resolve(process.cwd(), chosen);
  return existsSync(here) ? here : resolve(projectRoot, chosen);
}

export async function loadConfig(given?: string): Promise<LoadedConfig> {
  const path = configPath(given);
  const origin = given ? 'given' : process.env.FAULTLINE_CONFIG ? 'from FAULTLINE_CONFIG' : 'default';
  if (!existsSync(path)) {
    throw new FaultlineError('FL_BAD_CONFIG', `the configuration file ${path} (${origin}) does not exist; create one with \`npx faultline init\` in your service's directory or fix the path`);
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    const message = (error as Error).message;
    const commonJs = /\.ts$/.test(path) && /Cannot use import statement outside a module|require is not defined in ES module/.test(message);
    throw new FaultlineError(
      'FL_BAD_CONFIG',
      commonJs
        ? `the configuration file ${path} could not be loaded: ${message}; its package.json does not say "type": "module", so Node reads .ts files as CommonJS: rename it to ${basename(path, '.ts')}.mts (or set "type": "module")`
        : `the configuration file ${path} could not be loaded: ${message}`,
      { cause: error },
    );
  }
  if (module.default === undefined) {
    throw new FaultlineError('FL_BAD_CONFIG', `${path} has no default export; write \`export default defineConfig({ ... })\``);
  }
  const input = module.default as ConfigInput;
  const value = typeof input === 'function' ? input({ images: resolveImageCatalog() }) : input;
  const shown = relative(process.cwd(), path) || path;
  // FAULTLINE_MUTANT may name one of the configuration's own mutants (faultline test --mutants).
  return { config: withConfiguredMutant(validateConfig(value, shown, dirname(path))), path, baseDir: dirname(path) };
}

/** The configuration of the reference stack, whatever FAULTLINE_CONFIG says (benchmarks, drills). */
export function referenceConfigPath(): string {
  return join(projectRoot, 'faultline.config.ts');
}
