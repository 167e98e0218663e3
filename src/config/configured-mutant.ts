// A configuration's own mutants (`mutants: [...]`): FAULTLINE_MUTANT may name one. Loading the
// configuration applies that mutant's image or build to the service and keeps the mutant here, where
// activeMutant() (src/mutants/mutant-catalog.ts) finds it by name and the World lays its environment
// over each scenario's own. A process runs one configuration, so the loader leaves it here rather
// than threading it through every caller.
import type { FaultlineConfig, MutantConfig } from './config.js';

/** The environment variable that names the mutant a run is against. */
export const mutantVariable = 'FAULTLINE_MUTANT';

let inUse: MutantConfig | undefined;

/** The configuration's mutant FAULTLINE_MUTANT names, if it names one of them. */
export function configuredMutant(config: Pick<FaultlineConfig, 'mutants'>, env: NodeJS.ProcessEnv = process.env): MutantConfig | undefined {
  const name = env[mutantVariable];
  return name ? config.mutants?.find((mutant) => mutant.name === name) : undefined;
}

/** The configuration's mutant the loaded configuration runs against, if any. */
export function configuredMutantInUse(): MutantConfig | undefined {
  return inUse;
}

/** Sets (or, with undefined, clears) the configuration's mutant in use: the loader does, and tests. */
export function useConfiguredMutant(mutant: MutantConfig | undefined): void {
  inUse = mutant;
}

/**
 * The configuration as the active mutant changes it: another image or build of the service (its
 * environment is applied by the World, over each scenario's own, as for the catalog's mutants).
 * Without an active mutant of this configuration it is returned unchanged.
 */
export function withConfiguredMutant(config: FaultlineConfig, env: NodeJS.ProcessEnv = process.env): FaultlineConfig {
  const mutant = configuredMutant(config, env);
  useConfiguredMutant(mutant);
  if (!mutant || (mutant.image === undefined && mutant.build === undefined)) return config;
  const { image: _image, build: _build, ...service } = config.service;
  return { ...config, service: { ...service, ...(mutant.image ? { image: mutant.image } : { build: mutant.build! }) } };
}
