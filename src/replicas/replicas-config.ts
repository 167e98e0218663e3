// Replicas behind a load balancer (DESIGN.md §2): the order service N times, N from the scenario
// (the service under test is the first replica; the others run the same image with the same
// environment, database and payment link), each reached by HAProxy through a link of its own
// ("replica-1".."replica-N"), and
// the ingress link leading to HAProxy instead of the service. Features tagged @replicas or
// @deployments run on it; nothing else starts these parts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { images, type DependencyConfig, type FaultlineConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';
import { balancerPorts, balancerProblems, errorFile, errorFilePath, haproxyConfig, healthChecksVariable, replicaAddressVariable } from './haproxy-config.js';

/** How many replicas a scenario may ask for: each is a Node process on the machine's two cores. */
export const replicaLimits = { min: 2, max: 5 } as const;

/** The replica count the scenario states ("Given the 3 order-service replicas are in rotation behind the balancer"), else 3. */
export function replicasAsked(stepTexts: readonly string[]): number {
  const stated = stepTexts.map((text) => /^the (\d+) order-service replicas are in rotation behind the balancer$/.exec(text)?.[1]).find((count) => count !== undefined);
  return stated === undefined ? 3 : Number(stated);
}

/** The links, one per replica, through which the balancer reaches the replicas of this stack. */
export function replicaServers(config: FaultlineConfig): string[] {
  return config.links.map((link) => link.name).filter((name) => /^replica-\d+$/.test(name));
}

export const replicasNames = {
  balancer: 'haproxy',
  database: 'postgres-primary',
  payment: 'payment-gateway',
  /** Not a container: the deployment driver, named so that a mutation check can break its canary checks. */
  deployment: 'deployment',
  /** The balancer's server name of replica n (1-based), and its link. */
  server: (index: number) => `replica-${index}`,
} as const;

/**
 * SIGTERM's grace period on the replicas: longer than the time the health check takes to see a
 * replica that turned unready (750 ms), so that no request reaches a replica that refuses it.
 */
export const replicaShutdownGraceMs = 1500;

/** The container of replica n: the service under test is replica 1. */
export function replicaContainer(config: FaultlineConfig, index: number): string {
  return index === 1 ? config.service.name : `${config.service.name}-${index}`;
}

/** Writes the balancer's configuration and error pages where the stack copies them from. */
function writeBalancerFiles(replicaCount: number): { source: string; target: string }[] {
  const dir = join(tmpdir(), `faultline-haproxy-${process.pid}-${replicaCount}`);
  mkdirSync(dir, { recursive: true });
  const files = [{ name: 'haproxy.cfg', content: haproxyConfig(replicaCount), target: '/usr/local/etc/haproxy/haproxy.cfg' }];
  for (const problem of balancerProblems) files.push({ name: `${problem.status}.http`, content: errorFile(problem), target: errorFilePath(problem.status) });
  return files.map((file) => {
    const source = join(dir, file.name);
    writeFileSync(source, file.content);
    return { source, target: file.target };
  });
}

/** The configuration extended with `replicaCount` replicas of the service behind the balancer. */
export const withReplicas = (replicaCount: number) => (loaded: LoadedConfig): LoadedConfig => {
  if (!Number.isInteger(replicaCount) || replicaCount < replicaLimits.min || replicaCount > replicaLimits.max) {
    throw new FaultlineError('FL_BAD_INPUT', `${replicaCount} order-service replicas asked for; a scenario may ask for ${replicaLimits.min} to ${replicaLimits.max} (each is a process on this machine's cores), e.g. "Given the 3 order-service replicas are in rotation behind the balancer"`);
  }
  const { config } = loaded;
  const hasReference = config.dependencies?.some((dependency) => dependency.name === replicasNames.database) && config.dependencies.some((dependency) => dependency.name === replicasNames.payment);
  if (!hasReference || !config.service.build) {
    throw new FaultlineError(
      'FL_MISSING_CAPABILITY',
      `replica and deployment scenarios (@replicas, @deployments) need the reference stack's order service (built from its Dockerfile) with "${replicasNames.database}" and "${replicasNames.payment}"; ${loaded.path} lacks them (run them with the reference configuration)`,
    );
  }
  const port = config.service.ports[0]!;
  const environment = { ...config.service.environment, SHUTDOWN_GRACE_MS: String(replicaShutdownGraceMs) };
  // The other replicas run the image the service under test is built into (built before any container starts).
  const replicas: DependencyConfig[] = Array.from({ length: replicaCount - 1 }, (_, offset) => ({
    name: replicaContainer(config, offset + 2),
    image: `faultline.local/${config.service.name}:dev`,
    environment,
    ports: [...config.service.ports],
    readiness: config.service.readiness,
    ...(config.service.secretEnvironment ? { secretEnvironment: [...config.service.secretEnvironment] } : {}),
  }));
  const balancer: DependencyConfig = {
    name: replicasNames.balancer,
    image: images.haproxy,
    imageVariable: 'FAULTLINE_HAPROXY_IMAGE',
    environment: {
      [healthChecksVariable]: 'on',
      ...Object.fromEntries(Array.from({ length: replicaCount }, (_, index) => [replicaAddressVariable(index + 1), `{{link:${replicasNames.server(index + 1)}}}`])),
    },
    ports: [balancerPorts.traffic, balancerPorts.health, balancerPorts.runtimeApi],
    readiness: { http: '/ready', port: balancerPorts.health },
    files: writeBalancerFiles(replicaCount),
  };
  const ingress = config.service.ingress;
  const extended: FaultlineConfig = {
    ...config,
    dependencies: [...(config.dependencies ?? []), ...replicas, balancer],
    links: [
      ...config.links.map((link) => (link.name === ingress ? { ...link, to: `${replicasNames.balancer}:${balancerPorts.traffic}` } : link)),
      ...Array.from({ length: replicaCount }, (_, index) => ({ name: replicasNames.server(index + 1), to: `${replicaContainer(config, index + 1)}:${port}` })),
    ],
    service: { ...config.service, environment },
  };
  return { ...loaded, config: extended };
};
