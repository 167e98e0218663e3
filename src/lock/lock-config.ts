// A job that must run once at a time (DESIGN.md §8, disaster recovery): etcd and two runners of the
// backup job (fixtures/backup-job), each reaching etcd through a Toxiproxy link of its own, so that
// one holder can be cut off from etcd alone. Added to the reference configuration; features tagged
// @lock run on it and nothing else starts these parts.
import { join } from 'node:path';
import { etcd, images, type DependencyConfig, type FaultlineConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';

export const lockNames = {
  etcd: 'etcd',
  /** The runners, and the link each reaches etcd through. */
  runners: [
    { name: 'backup-job-a', link: 'lock-a' },
    { name: 'backup-job-b', link: 'lock-b' },
  ],
  /** What a mutant of the runners names as its `service`: it is applied to both. */
  runnerMutantService: 'backup-job',
  port: 3200,
} as const;

/**
 * The runners' settings in the lock feature, stated in the report. A 2 s lease is etcd's minimum with
 * its default election timeout (1 s); etcd sweeps expired leases every 500 ms.
 */
export const lockSettings = {
  LOCK_KEY: 'backup-job/lock',
  LEASE_TTL_S: '2',
  LEASE_MARGIN_MS: '250',
  JOB_TICK_MS: '50',
  ACQUIRE_RETRY_MS: '200',
} as const;

export function withLock(loaded: LoadedConfig): LoadedConfig {
  const { config } = loaded;
  const taken = [lockNames.etcd, ...lockNames.runners.map((runner) => runner.name)].filter((name) => config.dependencies?.some((dependency) => dependency.name === name) || config.service.name === name);
  if (taken.length > 0) {
    throw new FaultlineError('FL_BAD_CONFIG', `the lock scenarios (@lock) add containers named ${taken.join(', ')}, which ${loaded.path} already has; rename them there`);
  }
  // The first runner is built from fixtures/backup-job; the second runs the image built for it
  // (every image is built before any container starts), so the stack builds once.
  const [first] = lockNames.runners;
  const runners: DependencyConfig[] = lockNames.runners.map((runner) => ({
    name: runner.name,
    ...(runner === first
      ? { build: { context: join(projectRoot, 'fixtures', 'backup-job'), args: { BASE_IMAGE: images.node } } }
      : { image: `faultline.local/${first.name}:dev` }),
    environment: { PORT: String(lockNames.port), ETCD_URL: `http://{{link:${runner.link}}}`, HOLDER: runner.name, ...lockSettings },
    ports: [lockNames.port],
    readiness: { http: '/health' },
  }));
  const extended: FaultlineConfig = {
    ...config,
    dependencies: [...(config.dependencies ?? []), etcd(lockNames.etcd), ...runners],
    links: [...config.links, ...lockNames.runners.map((runner) => ({ name: runner.link, to: `${lockNames.etcd}:2379` }))],
  };
  return { ...loaded, config: extended };
}
