// Attach mode: run the features against a stack that is already running (docker compose up) instead
// of starting one. The configuration still says what the stack is; this finds its containers by
// their compose labels, checks Toxiproxy has the configured links, and reads the run's secrets out
// of the containers' environments.
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import { Toxiproxy } from 'toxiproxy-node-client';
import { placeholderPattern, type ContainerConfig } from '../config/config.js';
import type { LoadedConfig } from '../config/load-config.js';
import { FaultlineError } from '../errors.js';
import { eventually } from '../units/eventually.js';
import { GatewayControl } from '../faults/gateway-control.js';
import { AttachedContainer, inspectContainer, type ContainerInspect } from '../topology/attached-container.js';
import { docker } from '../topology/docker-client.js';
import { ensureDockerReachable } from '../topology/docker-check.js';
import { StartedService } from '../topology/started-service.js';
import { StartedTopology } from '../topology/started-topology.js';
import { fillPlaceholders, readinessOf, Stack } from './stack.js';
import type { LinkSpec, ServiceSpec } from '../topology/topology-spec.js';
import { startWatchdog } from '../topology/watchdog-launcher.js';
import { applyTestcontainersSettings } from '../images/image-catalog.js';

/** The compose project to attach to (FAULTLINE_ATTACH=<project>, or 1 for "faultline"), if any. */
export function attachMode(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.FAULTLINE_ATTACH?.trim();
  if (!value || value === '0' || value === 'false') return undefined;
  return value === '1' || value === 'true' ? 'faultline' : value;
}

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');

/**
 * Reads secret values out of an environment value by matching it against the configuration's
 * template: "{{secret:api-key}},{{secret:api-key-2}}" against "k1,k2" gives api-key=k1, api-key-2=k2.
 */
export function secretsFromTemplate(template: string, actual: string): Map<string, string> | undefined {
  const names: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of template.matchAll(placeholderPattern)) {
    pattern += escape(template.slice(last, match.index));
    if (match[1] === 'secret') {
      names.push(match[2]!);
      pattern += '(.+?)';
    } else {
      pattern += '.+?';
    }
    last = match.index + match[0].length;
  }
  pattern += escape(template.slice(last));
  const found = new RegExp(`^${pattern}$`, 's').exec(actual);
  if (!found) return undefined;
  return new Map(names.map((name, index) => [name, found[index + 1]!]));
}

function attachError(detail: string): FaultlineError {
  return new FaultlineError('FL_ATTACH_FAILED', detail);
}

export async function attachStack(loaded: LoadedConfig, project: string): Promise<Stack> {
  applyTestcontainersSettings();
  await ensureDockerReachable();
  startWatchdog();
  const started = performance.now();
  const { config } = loaded;
  const listed = await (await docker()).listContainers({ filters: { label: [`com.docker.compose.project=${project}`], status: ['running'] } });
  const byService = new Map(listed.map((container) => [container.Labels['com.docker.compose.service'] ?? '', container.Id]));
  const containers: ContainerConfig[] = [...(config.dependencies ?? []), config.service];
  const missing = ['toxiproxy', ...containers.map((container) => container.name)].filter((name) => !byService.has(name));
  if (missing.length > 0) {
    throw attachError(
      `compose project "${project}" has no running ${missing.join(', ')} (running: ${[...byService.keys()].join(', ') || 'nothing'}); ` +
        `start the stack with \`docker compose -p ${project} up -d --build\` (the services must be named as in ${loaded.path})`,
    );
  }

  // One inspection per container: ports, environment, image and networks all come from it.
  const inspected = new Map<string, ContainerInspect>();
  for (const name of ['toxiproxy', ...containers.map((container) => container.name)]) inspected.set(name, await inspectContainer(byService.get(name)!));
  const toxiproxyContainer = new AttachedContainer(inspected.get('toxiproxy')!);
  const networkName = Object.keys(inspected.get(config.service.name)!.NetworkSettings.Networks ?? {})[0];
  if (!networkName) throw attachError(`${config.service.name} of compose project "${project}" is on no network`);
  const network = { getName: () => networkName, getId: () => networkName, stop: async () => undefined } as unknown as StartedNetwork;
  const toxiproxy = new Toxiproxy(`http://127.0.0.1:${toxiproxyContainer.getMappedPort(8474)}`);

  // Every configured link must exist with the configured upstream; its listen port is Toxiproxy's.
  const proxies = await toxiproxy.getAll();
  const links: LinkSpec[] = config.links.map((link) => {
    const proxy = proxies[link.name];
    if (!proxy) throw attachError(`Toxiproxy of compose project "${project}" has no proxy "${link.name}" (has: ${Object.keys(proxies).join(', ')}); add it to the proxies file Toxiproxy loads`);
    if (proxy.upstream !== link.to) throw attachError(`proxy "${link.name}" leads to ${proxy.upstream}, but ${loaded.path} says ${link.to}`);
    const [service, port] = link.to.split(':');
    return { name: link.name, upstreamService: service!, upstreamPort: Number(port), listenPort: Number(proxy.listen.slice(proxy.listen.lastIndexOf(':') + 1)) };
  });

  const secrets = new Map<string, string>();
  const services = new Map<string, StartedService>();
  for (const container of containers) {
    const attached = new AttachedContainer(inspected.get(container.name)!);
    const environment = attached.environment;
    for (const [key, template] of Object.entries(container.environment ?? {})) {
      if (!template.includes('{{secret:')) continue;
      const actual = environment[key];
      const found = actual === undefined ? undefined : secretsFromTemplate(template, actual);
      if (!found) {
        throw attachError(`${container.name}'s ${key} is ${actual === undefined ? 'not set' : 'not of the configured form'} (${loaded.path} says "${template}"); set it in docker-compose.yml`);
      }
      for (const [name, value] of found) secrets.set(name, value);
    }
    const spec: ServiceSpec = {
      name: container.name,
      image: { kind: 'image', name: attached.image },
      environment,
      hostPorts: [...container.ports],
      readiness: readinessOf(container),
      secretKeys: [...(container.secretEnvironment ?? [])],
    };
    services.set(container.name, StartedService.attach(spec, attached.image, network, attached));
  }

  const controls = new Map<string, GatewayControl>();
  for (const dependency of config.dependencies ?? []) {
    if (!dependency.control) continue;
    const token = fillPlaceholders(dependency.control.token, (name) => links.find((link) => link.name === name)!.listenPort, (name) => {
      const value = secrets.get(name);
      if (value === undefined) throw attachError(`the control token of ${dependency.name} uses {{secret:${name}}}, which no environment variable of the stack reveals`);
      return value;
    });
    controls.set(dependency.name, new GatewayControl(services.get(dependency.name)!.hostUrl(dependency.control.port), token, dependency.name));
  }
  const topology = new StartedTopology({
    network,
    toxiproxyContainer: toxiproxyContainer as unknown as StartedTestContainer,
    toxiproxy,
    links,
    services,
    startMs: performance.now() - started,
    attached: true,
  });
  const stack = new Stack(loaded, topology, secrets, controls);
  await waitUntilReady(stack, project);
  return stack;
}

/** `compose up -d` returns before the service is ready: wait for its readiness through the ingress link. */
async function waitUntilReady(stack: Stack, project: string): Promise<void> {
  const readiness = stack.config.service.readiness;
  if (!('http' in readiness)) return;
  try {
    const status = async () => {
      const response = await fetch(new URL(readiness.http, stack.serviceUrl), { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return response.status;
    };
    await eventually(status, (answered) => answered === (readiness.status ?? 200), {
      expected: `GET ${readiness.http} of ${stack.config.service.name} to answer ${readiness.status ?? 200}`,
      withinMs: 60_000,
      intervalMs: 250,
    });
  } catch (error) {
    throw attachError(`${stack.config.service.name} of compose project "${project}" did not become ready through the ${stack.config.service.ingress} link: ${(error as Error).message}`);
  }
}
