import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../project-root.js';

/**
 * Image names of the stack. The official images are the defaults; each is overridable by an
 * environment variable, and scripts/setup.sh records the offline stand-ins it built in
 * .faultline/images.env when no registry is reachable. Precedence: environment, then that file,
 * then the official name.
 */
export interface ImageCatalog {
  readonly toxiproxy: string;
  readonly postgres: string;
  /** Base image of the fixtures' Dockerfiles (build argument BASE_IMAGE). */
  readonly node: string;
  /** NATS server with JetStream: the broker of the order events (features that use events only). */
  readonly nats: string;
  /** Redis: the order cache (features that use the cache or the saga only). */
  readonly redis: string;
  /** HAProxy: the load balancer in front of the order-service replicas (features that use replicas only). */
  readonly haproxy: string;
  /** etcd 3.4: the DCS of the Patroni cluster and the distributed lock (disaster-recovery features only). */
  readonly etcd: string;
  /**
   * PostgreSQL managed by Patroni 3.0 (fixtures/patroni/Dockerfile on the PostgreSQL image). No
   * registry publishes it: set-up builds it (disaster-recovery features only).
   */
  readonly patroni: string;
  /**
   * The helper that packet, CPU and clock faults run from, joined to a target's namespaces
   * (fixtures/chaos-helper/Dockerfile). No registry publishes it: set-up builds it.
   */
  readonly chaos: string;
}

export const officialImages: ImageCatalog = {
  toxiproxy: 'ghcr.io/shopify/toxiproxy:2.12.0',
  postgres: 'postgres:15',
  node: 'node:24-slim',
  nats: 'nats:2.15.2',
  redis: 'redis:7',
  haproxy: 'haproxy:2.6',
  etcd: 'quay.io/coreos/etcd:v3.4.23',
  patroni: 'faultline.local/patroni:3.0-pg15-bookworm',
  chaos: 'faultline.local/chaos-helper:bookworm-r2',
};

const variables: Record<keyof ImageCatalog, string> = {
  toxiproxy: 'FAULTLINE_TOXIPROXY_IMAGE',
  postgres: 'FAULTLINE_POSTGRES_IMAGE',
  node: 'FAULTLINE_NODE_IMAGE',
  nats: 'FAULTLINE_NATS_IMAGE',
  redis: 'FAULTLINE_REDIS_IMAGE',
  haproxy: 'FAULTLINE_HAPROXY_IMAGE',
  etcd: 'FAULTLINE_ETCD_IMAGE',
  patroni: 'FAULTLINE_PATRONI_IMAGE',
  chaos: 'FAULTLINE_CHAOS_IMAGE',
};

export function imageVariable(image: keyof ImageCatalog): string {
  return variables[image];
}

export function readImagesEnvFile(path = join(projectRoot, '.faultline', 'images.env')): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return {};
  }
  const entries: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match) entries[match[1]!] = match[2]!.trim();
  }
  return entries;
}

export function resolveImageCatalog(
  env: NodeJS.ProcessEnv = process.env,
  file: Record<string, string> = readImagesEnvFile(),
): ImageCatalog {
  const pick = (key: keyof ImageCatalog) => env[variables[key]] || file[variables[key]] || officialImages[key];
  return { toxiproxy: pick('toxiproxy'), postgres: pick('postgres'), node: pick('node'), nats: pick('nats'), redis: pick('redis'), haproxy: pick('haproxy'), etcd: pick('etcd'), patroni: pick('patroni'), chaos: pick('chaos') };
}

/**
 * Testcontainers reads its Ryuk settings from the environment when it first starts a container;
 * carry over what set-up decided (Ryuk disabled where its image cannot be had) unless the user
 * said otherwise.
 */
export function applyTestcontainersSettings(env: NodeJS.ProcessEnv = process.env, file = readImagesEnvFile()): void {
  for (const key of ['TESTCONTAINERS_RYUK_DISABLED', 'RYUK_CONTAINER_IMAGE']) {
    if (env[key] === undefined && file[key] !== undefined) env[key] = file[key];
  }
  // With a local engine, mapped ports are on loopback. Testcontainers guesses the bridge gateway
  // instead when it believes it runs inside a container (as in sandboxed CI), which fails here.
  const localEngine = env.DOCKER_HOST === undefined || env.DOCKER_HOST.startsWith('unix://');
  if (localEngine && env.TESTCONTAINERS_HOST_OVERRIDE === undefined) env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
}
