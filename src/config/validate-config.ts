// Checks a loaded configuration against the schema of config.ts, plus what one field cannot say
// alone: names used once, links to real ports, placeholders naming links, paths that exist. Every
// problem is one line naming the file, the field's path, the value found and what is accepted.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { FaultlineError } from '../errors.js';
import { faultlineConfigSchema, namePattern, type ContainerConfig, type FaultlineConfig } from './config.js';

type Report = (path: string, input: unknown, expected: string) => void;

function checkCrossFields(config: FaultlineConfig, baseDir: string, report: Report): void {
  const { service, links } = config;
  const linkNames = links.map((link) => link.name);
  const linkList = linkNames.join(', ') || 'none';
  const exists = (path: string, relative: string, kind: 'file' | 'directory') => {
    const full = resolve(baseDir, relative);
    if (!(existsSync(full) && (kind === 'file' ? statSync(full).isFile() : statSync(full).isDirectory()))) report(path, relative, `a ${kind} relative to the configuration file (${full} does not exist)`);
  };
  const checkBuild = (path: string, build: ContainerConfig['build']) => {
    if (build) exists(`${path}.build.context`, build.context, 'directory');
    if (build && existsSync(resolve(baseDir, build.context))) exists(`${path}.build.context`, join(build.context, 'Dockerfile'), 'file');
  };
  const checkPlaceholders = (path: string, values: Readonly<Record<string, string>> = {}) => {
    for (const [key, value] of Object.entries(values)) {
      for (const [, kind = '', name = ''] of value.matchAll(/\{\{([^}:]*):?([^}]*)\}\}/g)) {
        if (['link', 'link-host', 'link-port'].includes(kind)) {
          if (!linkNames.includes(name)) report(`${path}.${key}`, value, `{{${kind}:NAME}} with NAME one of the links (${linkList})`);
        } else if (kind === 'secret') {
          if (!namePattern.test(name)) report(`${path}.${key}`, value, '{{secret:NAME}} with NAME in lower-case letters, digits and dashes');
        } else report(`${path}.${key}`, value, 'placeholders of the form {{link:NAME}}, {{link-host:NAME}}, {{link-port:NAME}} or {{secret:NAME}} only');
      }
    }
  };

  const containers = [...(config.dependencies ?? []).map((dependency, index) => [`dependencies[${index}]`, dependency] as const), ['service', service] as const];
  const portsByName = new Map<string, number[]>();
  for (const [path, container] of containers) {
    if (portsByName.has(container.name) || container.name === 'toxiproxy') {
      report(`${path}.name`, container.name, `a name used once, and not "toxiproxy" (taken: ${[...portsByName.keys(), 'toxiproxy'].join(', ')})`);
    }
    portsByName.set(container.name, container.ports);
    const { ports, environment = {} } = container;
    if ((container.image === undefined) === (container.build === undefined)) report(`${path}.image`, container.image, 'exactly one of image: "name:tag" and build: { context: "./dir" }');
    checkBuild(path, container.build);
    const readinessPort = 'http' in container.readiness ? container.readiness.port : undefined;
    if (readinessPort !== undefined && !ports.includes(readinessPort)) report(`${path}.readiness.port`, readinessPort, `one of the container's ports (${ports.join(', ')})`);
    container.files?.forEach((file, index) => exists(`${path}.files[${index}].source`, file.source, 'file'));
    container.secretEnvironment?.forEach((key, index) => {
      if (!(key in environment)) report(`${path}.secretEnvironment[${index}]`, key, `a key of ${path}.environment (${Object.keys(environment).join(', ') || 'none'})`);
    });
    checkPlaceholders(`${path}.environment`, environment);
    const control = 'control' in container ? container.control : undefined;
    if (control && !ports.includes(control.port)) report(`${path}.control.port`, control.port, `one of the container's ports (${ports.join(', ')})`);
    if (control) checkPlaceholders(path, { 'control.token': control.token });
  }

  links.forEach((link, index) => {
    if (linkNames.indexOf(link.name) !== index) report(`links[${index}].name`, link.name, 'a link name used once');
    const [target = '', port] = link.to.split(':');
    const known = portsByName.get(target);
    if (!known) report(`links[${index}].to`, link.to, `"service:port" with service one of ${[...portsByName.keys()].join(', ')}`);
    else if (!known.includes(Number(port))) report(`links[${index}].to`, link.to, `"${target}:PORT" with PORT one of ${target}'s ports (${known.join(', ')})`);
  });
  const ingress = links.find((link) => link.name === service.ingress);
  if (!ingress) report('service.ingress', service.ingress, `one of the links (${linkList})`);
  else if (!ingress.to.startsWith(`${service.name}:`)) report('service.ingress', service.ingress, `a link to the service under test (${service.name}), but it leads to ${ingress.to}`);
  if (service.pristineWhen && !service.metrics) report('service.metrics', undefined, '{ path: "/metrics" }: pristineWhen reads a metric');
  if (service.stateless && service.pristineWhen) {
    report('service.stateless', true, 'left out when pristineWhen is set (a service with a pristine gauge has state; the gauge says when it is clean)');
  }
  checkPlaceholders('service.request.headers', service.request?.headers);
  checkPlaceholders('service.warmUp.headers', service.warmUp?.headers);

  config.mutants?.forEach((mutant, index) => {
    const path = `mutants[${index}]`;
    if (config.mutants!.findIndex((other) => other.name === mutant.name) !== index) report(`${path}.name`, mutant.name, 'a mutant name used once');
    if (mutant.environment === undefined && mutant.image === undefined && mutant.build === undefined) {
      report(path, mutant, 'at least one of environment: { KEY: "value" }, image: "name:tag" or build: { context: "./dir" } (what makes it a mutant)');
    }
    if (mutant.image !== undefined && mutant.build !== undefined) report(`${path}.image`, mutant.image, 'either image or build, not both');
    checkBuild(path, mutant.build);
    checkPlaceholders(`${path}.environment`, mutant.environment);
  });
}

/** What a failed check of a field says when the schema gives no wording of its own. */
function expectedByDefault(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') return `no such field (allowed: ${Object.keys((issue.inst as z.ZodObject).shape).join(', ')})`;
  if (issue.code === 'invalid_type') return ({ object: 'an object', array: 'a list', string: 'a string', number: 'a number' } as Record<string, string>)[issue.expected] ?? issue.expected;
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || 'the configuration';

/** One line per field at fault; a union's own issues when the value is plainly meant as one of its forms (it has that form's required fields). */
function problemsOf(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[] = []): string[] {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union') {
    const meant = issue.errors.filter((form) => !form.some((inner) => inner.code === 'invalid_type' && inner.path.length === 1 && inner.input === undefined));
    if (meant.length === 1) return meant[0]!.flatMap((inner) => problemsOf(inner, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${pathText([...path, key])} is ${describe((issue.input as Record<string, unknown>)[key])}; expected ${issue.message}`);
  }
  return [`${pathText(path)} is ${describe(issue.input)}; expected ${issue.message}`];
}

/** Validates `value` (what the configuration file exported) and returns it typed; else one FL_BAD_CONFIG listing every problem. */
export function validateConfig(value: unknown, source: string, baseDir: string): FaultlineConfig {
  const schema = faultlineConfigSchema.superRefine((config, ctx) =>
    checkCrossFields(config, baseDir, (path, input, message) => ctx.addIssue({ code: 'custom', path: [path], input, message })),
  );
  const result = schema.safeParse(value, { reportInput: true, error: expectedByDefault });
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => problemsOf(issue));
  throw new FaultlineError('FL_BAD_CONFIG', `${source}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n  - ${problems.join('\n  - ')}`}`);
}
