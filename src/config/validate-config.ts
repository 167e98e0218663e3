// Checks a loaded configuration field by field. Every error names the file, the field's path, the
// value found and what would be accepted, so that a typo is fixed without reading this code.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FaultlineError } from '../errors.js';
import { parseDuration } from '../units/duration.js';
import type { ContainerConfig, DependencyConfig, FaultlineConfig, LinkConfig, MutantConfig, ServiceUnderTestConfig } from './config.js';

const namePattern = /^[a-z][a-z0-9-]*$/;
const placeholderPattern = /\{\{([^}]*)\}\}/g;

class Checker {
  constructor(
    private readonly source: string,
    readonly baseDir: string,
  ) {}

  fail(path: string, value: unknown, expected: string): never {
    throw new FaultlineError('FL_BAD_CONFIG', `${this.source}: ${path} is ${describe(value)}; expected ${expected}`);
  }

  object(path: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, value, 'an object');
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, (value as Record<string, unknown>)[key], `no such field (allowed: ${allowed.join(', ')})`);
    }
    return value as Record<string, unknown>;
  }

  string(path: string, value: unknown, example: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(path, value, `a non-empty string, e.g. ${example}`);
    return value;
  }

  name(path: string, value: unknown): string {
    const name = this.string(path, value, '"payment-gateway"');
    if (!namePattern.test(name)) this.fail(path, value, 'lower-case letters, digits and dashes, starting with a letter (it becomes a network alias)');
    return name;
  }

  port(path: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_535) this.fail(path, value, 'a port number from 1 to 65535, e.g. 8080');
    return value;
  }

  positiveInteger(path: string, value: unknown, max: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) this.fail(path, value, `a whole number from 1 to ${max}`);
    return value;
  }

  urlPath(path: string, value: unknown): string {
    const text = this.string(path, value, '"/health"');
    if (!text.startsWith('/')) this.fail(path, value, 'a path starting with "/", e.g. "/health"');
    return text;
  }

  stringRecord(path: string, value: unknown): Record<string, string> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, value, 'an object of strings, e.g. { PORT: "3000" }');
    for (const [key, entry] of Object.entries(value)) {
      if (typeof entry !== 'string') this.fail(`${path}.${key}`, entry, 'a string (quote numbers: "3000")');
    }
    return value as Record<string, string>;
  }

  existing(path: string, relative: string, kind: 'file' | 'directory'): void {
    const full = resolve(this.baseDir, relative);
    const ok = existsSync(full) && (kind === 'file' ? statSync(full).isFile() : statSync(full).isDirectory());
    if (!ok) this.fail(path, relative, `a ${kind} relative to the configuration file (${full} does not exist)`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const containerFields = ['name', 'image', 'build', 'environment', 'ports', 'readiness', 'startupTimeout', 'command', 'files', 'secretEnvironment', 'imageVariable'] as const;

function checkContainer(c: Checker, path: string, value: unknown, extraFields: readonly string[]): Record<string, unknown> {
  const raw = c.object(path, value, [...containerFields, ...extraFields]);
  c.name(`${path}.name`, raw.name);
  if ((raw.image === undefined) === (raw.build === undefined)) {
    c.fail(`${path}.image`, raw.image, 'exactly one of image: "name:tag" and build: { context: "./dir" }');
  }
  if (raw.image !== undefined) c.string(`${path}.image`, raw.image, '"postgres:15"');
  if (raw.build !== undefined) {
    const build = c.object(`${path}.build`, raw.build, ['context', 'args']);
    const context = c.string(`${path}.build.context`, build.context, '"./fixtures/my-service"');
    c.existing(`${path}.build.context`, context, 'directory');
    c.existing(`${path}.build.context`, join(context, 'Dockerfile'), 'file');
    if (build.args !== undefined) c.stringRecord(`${path}.build.args`, build.args);
  }
  const environment = raw.environment === undefined ? {} : c.stringRecord(`${path}.environment`, raw.environment);
  if (!Array.isArray(raw.ports) || raw.ports.length === 0) c.fail(`${path}.ports`, raw.ports, 'a non-empty list of container ports, e.g. [3000]');
  const ports = (raw.ports as unknown[]).map((port, index) => c.port(`${path}.ports[${index}]`, port));
  const readiness = c.object(`${path}.readiness`, raw.readiness, ['http', 'port', 'status', 'log', 'times']);
  if ((readiness.http === undefined) === (readiness.log === undefined)) {
    c.fail(`${path}.readiness`, raw.readiness, 'either { http: "/health" } or { log: "ready to accept connections" }');
  }
  if (readiness.http !== undefined) {
    c.urlPath(`${path}.readiness.http`, readiness.http);
    if (readiness.port !== undefined && !ports.includes(c.port(`${path}.readiness.port`, readiness.port))) {
      c.fail(`${path}.readiness.port`, readiness.port, `one of the container's ports (${ports.join(', ')})`);
    }
    if (readiness.status !== undefined && (typeof readiness.status !== 'number' || readiness.status < 100 || readiness.status > 599)) {
      c.fail(`${path}.readiness.status`, readiness.status, 'an HTTP status, e.g. 200');
    }
  } else {
    const pattern = c.string(`${path}.readiness.log`, readiness.log, '"ready to accept connections"');
    try {
      new RegExp(pattern);
    } catch (error) {
      c.fail(`${path}.readiness.log`, pattern, `a regular expression (${(error as Error).message})`);
    }
    if (readiness.times !== undefined) c.positiveInteger(`${path}.readiness.times`, readiness.times, 10);
  }
  if (raw.startupTimeout !== undefined) {
    const text = c.string(`${path}.startupTimeout`, raw.startupTimeout, '"60s"');
    try {
      parseDuration(text);
    } catch {
      c.fail(`${path}.startupTimeout`, text, 'a duration such as "60s" or "90000ms"');
    }
  }
  if (raw.command !== undefined && (!Array.isArray(raw.command) || raw.command.some((part) => typeof part !== 'string'))) {
    c.fail(`${path}.command`, raw.command, 'a list of strings, e.g. ["node", "server.mjs"]');
  }
  if (raw.files !== undefined) {
    if (!Array.isArray(raw.files)) c.fail(`${path}.files`, raw.files, 'a list of { source, target }');
    raw.files.forEach((file, index) => {
      const entry = c.object(`${path}.files[${index}]`, file, ['source', 'target', 'mode']);
      c.existing(`${path}.files[${index}].source`, c.string(`${path}.files[${index}].source`, entry.source, '"./init.sh"'), 'file');
      c.string(`${path}.files[${index}].target`, entry.target, '"/docker-entrypoint-initdb.d/init.sh"');
    });
  }
  if (raw.secretEnvironment !== undefined) {
    if (!Array.isArray(raw.secretEnvironment)) c.fail(`${path}.secretEnvironment`, raw.secretEnvironment, 'a list of environment keys');
    raw.secretEnvironment.forEach((key, index) => {
      if (typeof key !== 'string' || !(key in environment)) {
        c.fail(`${path}.secretEnvironment[${index}]`, key, `a key of ${path}.environment (${Object.keys(environment).join(', ') || 'none'})`);
      }
    });
  }
  return raw;
}

function checkPlaceholders(c: Checker, path: string, text: string, links: ReadonlySet<string>): void {
  for (const match of text.matchAll(placeholderPattern)) {
    const [kind, name = ''] = match[1]!.split(':', 2);
    if (kind === 'link' || kind === 'link-host' || kind === 'link-port') {
      if (!links.has(name)) c.fail(path, text, `{{${kind}:NAME}} with NAME one of the links (${[...links].join(', ')})`);
    } else if (kind === 'secret') {
      if (!namePattern.test(name)) c.fail(path, text, '{{secret:NAME}} with NAME in lower-case letters, digits and dashes');
    } else {
      c.fail(path, text, 'placeholders of the form {{link:NAME}}, {{link-host:NAME}}, {{link-port:NAME}} or {{secret:NAME}} only');
    }
  }
}

/** Validates `value` (what the configuration file exported) and returns it typed. */
export function validateConfig(value: unknown, source: string, baseDir: string): FaultlineConfig {
  const c: Checker = new Checker(source, baseDir);
  const raw = c.object('the configuration', value, ['name', 'service', 'dependencies', 'links', 'mutants']);
  c.string('name', raw.name, '"orders"');
  const service = checkContainer(c, 'service', raw.service, ['ingress', 'request', 'metrics', 'warmUp', 'pristineWhen', 'stateless']);
  if (raw.dependencies !== undefined && !Array.isArray(raw.dependencies)) c.fail('dependencies', raw.dependencies, 'a list of containers');
  const dependencies = ((raw.dependencies ?? []) as unknown[]).map((dependency, index) => {
    const checked = checkContainer(c, `dependencies[${index}]`, dependency, ['control', 'asynchronous']);
    if (checked.asynchronous !== undefined && typeof checked.asynchronous !== 'boolean') c.fail(`dependencies[${index}].asynchronous`, checked.asynchronous, 'true or false');
    if (checked.control !== undefined) {
      const control = c.object(`dependencies[${index}].control`, checked.control, ['port', 'token']);
      const port = c.port(`dependencies[${index}].control.port`, control.port);
      if (!(checked.ports as number[]).includes(port)) c.fail(`dependencies[${index}].control.port`, port, `one of the container's ports (${(checked.ports as number[]).join(', ')})`);
      c.string(`dependencies[${index}].control.token`, control.token, '"{{secret:control-token}}"');
    }
    return checked;
  });

  const containers = [...dependencies, service];
  const portsByName = new Map<string, number[]>();
  containers.forEach((container, index) => {
    const name = container.name as string;
    const path = index === containers.length - 1 ? 'service.name' : `dependencies[${index}].name`;
    if (portsByName.has(name) || name === 'toxiproxy') c.fail(path, name, `a name used once, and not "toxiproxy" (taken: ${[...portsByName.keys(), 'toxiproxy'].join(', ')})`);
    portsByName.set(name, container.ports as number[]);
  });

  if (!Array.isArray(raw.links) || raw.links.length === 0) c.fail('links', raw.links, 'a non-empty list of { name, to: "service:port" }');
  const linkNames = new Set<string>();
  (raw.links as unknown[]).forEach((link, index) => {
    const entry = c.object(`links[${index}]`, link, ['name', 'to']);
    const name = c.name(`links[${index}].name`, entry.name);
    if (linkNames.has(name)) c.fail(`links[${index}].name`, name, 'a link name used once');
    linkNames.add(name);
    const to = c.string(`links[${index}].to`, entry.to, '"payment-gateway:8080"');
    const [target, port] = to.split(':');
    const known = portsByName.get(target ?? '');
    if (!known) c.fail(`links[${index}].to`, to, `"service:port" with service one of ${[...portsByName.keys()].join(', ')}`);
    if (!known.includes(Number(port))) c.fail(`links[${index}].to`, to, `"${target}:PORT" with PORT one of ${target}'s ports (${known.join(', ')})`);
  });

  const ingress = c.string('service.ingress', service.ingress, '"ingress"');
  const ingressLink = (raw.links as LinkConfig[]).find((link) => link.name === ingress);
  if (!ingressLink) c.fail('service.ingress', ingress, `one of the links (${[...linkNames].join(', ')})`);
  if (!ingressLink.to.startsWith(`${service.name as string}:`)) {
    c.fail('service.ingress', ingress, `a link to the service under test (${service.name as string}), but it leads to ${ingressLink.to}`);
  }
  if (service.request !== undefined) {
    const request = c.object('service.request', service.request, ['method', 'path', 'headers', 'body', 'uniqueHeader']);
    c.urlPath('service.request.path', request.path);
    if (request.method !== undefined && !/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(String(request.method))) {
      c.fail('service.request.method', request.method, 'GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS');
    }
    if (request.headers !== undefined) c.stringRecord('service.request.headers', request.headers);
    if (request.uniqueHeader !== undefined) c.string('service.request.uniqueHeader', request.uniqueHeader, '"Idempotency-Key"');
  }
  if (service.metrics !== undefined) c.urlPath('service.metrics.path', c.object('service.metrics', service.metrics, ['path']).path);
  if (service.warmUp !== undefined) {
    const warmUp = c.object('service.warmUp', service.warmUp, ['rounds', 'concurrency', 'headers']);
    c.positiveInteger('service.warmUp.rounds', warmUp.rounds, 20);
    c.positiveInteger('service.warmUp.concurrency', warmUp.concurrency, 100);
    if (warmUp.headers !== undefined) c.stringRecord('service.warmUp.headers', warmUp.headers);
  }
  if (service.pristineWhen !== undefined) {
    const pristine = c.object('service.pristineWhen', service.pristineWhen, ['metric', 'value']);
    c.string('service.pristineWhen.metric', pristine.metric, '"payment_breaker_state"');
    if (typeof pristine.value !== 'number') c.fail('service.pristineWhen.value', pristine.value, 'a number');
    if (service.metrics === undefined) c.fail('service.metrics', undefined, '{ path: "/metrics" }: pristineWhen reads a metric');
  }
  if (service.stateless !== undefined) {
    if (typeof service.stateless !== 'boolean') c.fail('service.stateless', service.stateless, 'true or false');
    if (service.stateless && service.pristineWhen !== undefined) {
      c.fail('service.stateless', true, 'left out when pristineWhen is set (a service with a pristine gauge has state; the gauge says when it is clean)');
    }
  }

  // Placeholders: every {{link:...}} names a link, every other kind is a typo.
  containers.forEach((container, index) => {
    const path = index === containers.length - 1 ? 'service' : `dependencies[${index}]`;
    for (const [key, text] of Object.entries((container.environment ?? {}) as Record<string, string>)) checkPlaceholders(c, `${path}.environment.${key}`, text, linkNames);
    const control = container.control as { token: string } | undefined;
    if (control) checkPlaceholders(c, `${path}.control.token`, control.token, linkNames);
  });
  for (const [key, text] of Object.entries(((service.request as { headers?: Record<string, string> } | undefined)?.headers) ?? {})) {
    checkPlaceholders(c, `service.request.headers.${key}`, text, linkNames);
  }
  for (const [key, text] of Object.entries(((service.warmUp as { headers?: Record<string, string> } | undefined)?.headers) ?? {})) {
    checkPlaceholders(c, `service.warmUp.headers.${key}`, text, linkNames);
  }
  const mutants = raw.mutants === undefined ? undefined : checkMutants(c, raw.mutants, linkNames);
  return {
    name: raw.name as string,
    service: service as unknown as ServiceUnderTestConfig,
    dependencies: dependencies as unknown as DependencyConfig[],
    links: raw.links as LinkConfig[],
    ...(mutants ? { mutants } : {}),
  };
}

function checkMutants(c: Checker, value: unknown, links: ReadonlySet<string>): MutantConfig[] {
  if (!Array.isArray(value)) c.fail('mutants', value, 'a list of { name, environment | image | build, tags }');
  const names = new Set<string>();
  return value.map((mutant, index) => {
    const path = `mutants[${index}]`;
    const raw = c.object(path, mutant, ['name', 'breaks', 'environment', 'image', 'build', 'tags']);
    const name = c.name(`${path}.name`, raw.name);
    if (names.has(name)) c.fail(`${path}.name`, name, 'a mutant name used once');
    names.add(name);
    if (raw.breaks !== undefined) c.string(`${path}.breaks`, raw.breaks, '"the upstream call has no timeout"');
    if (raw.environment === undefined && raw.image === undefined && raw.build === undefined) {
      c.fail(path, mutant, 'at least one of environment: { KEY: "value" }, image: "name:tag" or build: { context: "./dir" } (what makes it a mutant)');
    }
    if (raw.image !== undefined && raw.build !== undefined) c.fail(`${path}.image`, raw.image, 'either image or build, not both');
    if (raw.image !== undefined) c.string(`${path}.image`, raw.image, '"my-service:broken"');
    if (raw.build !== undefined) {
      const build = c.object(`${path}.build`, raw.build, ['context', 'args']);
      const context = c.string(`${path}.build.context`, build.context, '"./broken"');
      c.existing(`${path}.build.context`, context, 'directory');
      c.existing(`${path}.build.context`, join(context, 'Dockerfile'), 'file');
      if (build.args !== undefined) c.stringRecord(`${path}.build.args`, build.args);
    }
    if (raw.environment !== undefined) {
      for (const [key, text] of Object.entries(c.stringRecord(`${path}.environment`, raw.environment))) checkPlaceholders(c, `${path}.environment.${key}`, text, links);
    }
    const tags = c.string(`${path}.tags`, raw.tags, '"@timeouts" (the scenarios that must kill it)');
    if (!tags.includes('@')) c.fail(`${path}.tags`, tags, 'a cucumber tag expression naming at least one tag, e.g. "@timeouts" or "@retries and not @slow"');
    return raw as unknown as MutantConfig;
  });
}

export type { ContainerConfig };
