// The shape of faultline.config.ts as one zod schema: the types are inferred from it, validate-config.ts
// checks loaded files with it, and each field's error says what it accepts. Environment values,
// request headers and control tokens may contain placeholders:
//   {{link:NAME}}    the address (toxiproxy:PORT) through which a container reaches link NAME
//   {{link-host:NAME}}, {{link-port:NAME}}  the same address in two parts
//   {{secret:NAME}}  a random value made for each run, never written to reports or logs
import { join } from 'node:path';
import { z } from 'zod';
import { resolveImageCatalog, type ImageCatalog } from '../images/image-catalog.js';
import { projectRoot } from '../project-root.js';
import { parseDuration } from '../units/duration.js';

/** A placeholder in a configuration value: its kind and its name. */
export const placeholderPattern = /\{\{(link|link-host|link-port|secret):([^}]*)\}\}/g;
export const namePattern = /^[a-z][a-z0-9-]*$/;

// `abort` keeps the cross-field checks from running on a malformed field.
const text = (expected: string, ok = (value: string) => value.trim() !== '') => z.string({ error: expected }).refine(ok, { error: expected, abort: true });
const nonEmpty = (example: string) => text(`a non-empty string, e.g. ${example}`);
const whole = (min: number, max: number, expected = `a whole number from ${min} to ${max}`) =>
  z.number({ error: expected }).refine((n) => Number.isInteger(n) && n >= min && n <= max, { error: expected, abort: true });
const list = <T extends z.ZodType>(item: T, expected: string, min = 0) => z.array(item, { error: expected }).min(min, { error: expected });
const name = text('lower-case letters, digits and dashes, starting with a letter, e.g. "payment-gateway" (it becomes a network alias)', (value) => namePattern.test(value));
const port = whole(1, 65_535, 'a port number from 1 to 65535, e.g. 8080');
const urlPath = text('a path starting with "/", e.g. "/health"', (value) => value.startsWith('/'));
const strings = z.record(z.string(), z.string({ error: 'a string (quote numbers: "3000")' }), { error: 'an object of strings, e.g. { PORT: "3000" }' });
const flag = z.boolean({ error: 'true or false' });
/** A non-empty string `parse` accepts; with `detail`, the parser's complaint is added to what is expected. */
const parsed = (expected: string, parse: (value: string) => unknown, detail = false) =>
  text(expected).superRefine((value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', input: value, message: detail ? `${expected} (${(error as Error).message})` : expected, abort: true });
    }
  });
const duration = parsed('a duration such as "60s" or "90000ms"', parseDuration);
const regExp = parsed('a regular expression', (pattern) => new RegExp(pattern), true);
const commandList = 'a list of strings, e.g. ["node", "server.mjs"]';
/** A Dockerfile to build, its context relative to the configuration file. */
const build = z.strictObject({ context: nonEmpty('"./fixtures/my-service"'), args: strings.optional() });

/** How the suite knows a container is ready: an HTTP answer on a port, or a log line. */
const readiness = z.union(
  [z.strictObject({ http: urlPath, port: port.optional(), status: whole(100, 599, 'an HTTP status, e.g. 200').optional() }), z.strictObject({ log: regExp, times: whole(1, 10).optional() })],
  { error: 'either { http: "/health" } or { log: "ready to accept connections" }' },
);

const container = z.strictObject({
  /** Network alias: links and other services reach the container by this name. */
  name,
  /** An image to run. Exactly one of `image` and `build`. */
  image: nonEmpty('"postgres:15"').optional(),
  build: build.optional(),
  environment: strings.optional(),
  /** Container ports. Each is also published on 127.0.0.1 at a random port for the suite. */
  ports: list(port, 'a non-empty list of container ports, e.g. [3000]', 1),
  readiness,
  /** How long the container may take to become ready, as a duration ("60s"). Default 60s. */
  startupTimeout: duration.optional(),
  command: list(z.string({ error: commandList }), commandList).optional(),
  /** Files copied into the container before it starts; `source` is relative to the configuration file. */
  files: list(z.strictObject({ source: nonEmpty('"./init.sh"'), target: nonEmpty('"/docker-entrypoint-initdb.d/init.sh"'), mode: z.number().optional() }), 'a list of { source, target }').optional(),
  /** Environment keys whose values are secrets: redacted in reports and diagnostics. */
  secretEnvironment: list(z.string(), 'a list of environment keys').optional(),
  /** The variable that overrides this container's image, named in the error when the image is missing. */
  imageVariable: z.string().optional(),
});

/** A request the generic steps send ("20 requests are sent"). */
const request = z.strictObject({
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], { error: 'GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS' }).optional(),
  path: urlPath,
  headers: strings.optional(),
  /** A JSON body. */
  body: z.unknown().optional(),
  /** A header that gets a fresh UUID on every request (an idempotency key), if the service wants one. */
  uniqueHeader: nonEmpty('"Idempotency-Key"').optional(),
});

const serviceUnderTest = container.extend({
  /** The link through which clients (the steps) reach the service. */
  ingress: nonEmpty('"ingress"'),
  /** What "N requests are sent" sends. Default: GET /. */
  request: request.optional(),
  /** Prometheus text exposition on the service's first port. Steps that read metrics need it. */
  metrics: z.strictObject({ path: urlPath }).optional(),
  /** Run between a restart and the scenario, so that start-up costs are not measured: `rounds` of `concurrency` readiness checks and requests at once. */
  warmUp: z.strictObject({ rounds: whole(1, 20), concurrency: whole(1, 100), headers: strings.optional() }).optional(),
  /** A gauge that must have this value (a closed breaker: 0) for the running service to be reused by the next scenario; otherwise it is restarted first. */
  pristineWhen: z.strictObject({ metric: nonEmpty('"payment_breaker_state"'), value: z.number({ error: 'a number' }) }).optional(),
  /** True when the service keeps no state between requests (no breaker, cache, bucket or session): a running, ready service is reused as it is. Without it or pristineWhen, a used service is restarted before the next scenario. */
  stateless: flag.optional(),
});

const dependency = container.extend({
  /** A control API that scripts the dependency's answers and keeps a journal of what it received (the scriptable upstream's). Steps that script answers or count requests need it. */
  control: z.strictObject({ port, token: nonEmpty('"{{secret:control-token}}"') }).optional(),
  /** Its requests come later, from a worker, not from the service's answers: the fault-space explorer ties none of them to a workload request. */
  asynchronous: flag.optional(),
});

/** A named Toxiproxy proxy: steps say "the payment link goes down". */
const link = z.strictObject({
  name,
  /** The container and port the link leads to, as "service:port". */
  to: nonEmpty('"payment-gateway:8080"'),
});

/**
 * A broken variant of the service under test that the scenarios tagged `tags` must catch
 * (`faultline test --mutants`; killed only when one of them fails in a Then step): an environment laid
 * over every scenario's own settings, another image, another build, or an environment with one of the two.
 */
const mutant = z.strictObject({
  /** FAULTLINE_MUTANT=<name> runs the features against it. */
  name,
  /** What it breaks, in words (shown with its verdict). */
  breaks: nonEmpty('"the upstream call has no timeout"').optional(),
  environment: strings.optional(),
  image: nonEmpty('"my-service:broken"').optional(),
  build: build.optional(),
  /** Cucumber tag expression of the scenarios that must kill it, e.g. "@timeouts". */
  tags: nonEmpty('"@timeouts" (the scenarios that must kill it)').refine((tags) => tags.includes('@'), {
    error: 'a cucumber tag expression naming at least one tag, e.g. "@timeouts" or "@retries and not @slow"',
    abort: true,
  }),
});

export const faultlineConfigSchema = z.strictObject({
  /** Shown in reports and diagnostics. */
  name: nonEmpty('"orders"'),
  service: serviceUnderTest,
  /** Started in order, before the service under test. */
  dependencies: list(dependency, 'a list of containers').optional(),
  /** One Toxiproxy proxy each, in order. */
  links: list(link, 'a non-empty list of { name, to: "service:port" }', 1),
  /** Broken variants of the service that the features must catch (`faultline test --mutants`). */
  mutants: list(mutant, 'a list of { name, environment | image | build, tags }').optional(),
});

export type ReadinessConfig = z.infer<typeof readiness>;
export type ContainerConfig = z.infer<typeof container>;
export type RequestConfig = z.infer<typeof request>;
export type ServiceUnderTestConfig = z.infer<typeof serviceUnderTest>;
export type DependencyConfig = z.infer<typeof dependency>;
export type LinkConfig = z.infer<typeof link>;
export type MutantConfig = z.infer<typeof mutant>;
export type FaultlineConfig = z.infer<typeof faultlineConfigSchema>;

/** What a configuration function receives: the images of the stand-ins or the official ones (`npm run faultline images`). */
export interface ConfigContext {
  readonly images: ImageCatalog;
}

export type ConfigInput = FaultlineConfig | ((context: ConfigContext) => FaultlineConfig);

/** The images the stack uses: the official ones, or the stand-ins set-up built (`npm run faultline images` prints them). */
export const images: ImageCatalog = resolveImageCatalog();

/**
 * The suite's scriptable HTTP upstream (fixtures/payment-gateway: any method and path, the charge
 * ledger on POST /charges, GET /health unjournaled) as a dependency with its token-guarded control
 * API, so that steps can script its answers per route and count what it received. The default name
 * is the reference stack's payment gateway; give another for any other dependency.
 */
export function scriptableUpstream(options: { readonly name?: string; readonly tokenSecret?: string } = {}): DependencyConfig {
  const token = `{{secret:${options.tokenSecret ?? 'gateway-token'}}}`;
  return {
    name: options.name ?? 'payment-gateway',
    build: { context: join(projectRoot, 'fixtures', 'payment-gateway'), args: { BASE_IMAGE: images.node } },
    environment: { PORT: '8080', CONTROL_PORT: '8081', CONTROL_TOKEN: token },
    ports: [8080, 8081],
    readiness: { http: '/health', port: 8080 },
    control: { port: 8081, token },
    secretEnvironment: ['CONTROL_TOKEN'],
  };
}

/** A single-member etcd 3.4 reached as `name:2379` (Patroni's DCS, the backup job's lock); its data lives and dies with the container. */
export function etcd(name = 'etcd'): DependencyConfig {
  return {
    name,
    image: images.etcd,
    imageVariable: 'FAULTLINE_ETCD_IMAGE',
    command: ['etcd', '--name', name, '--data-dir', '/tmp/etcd', '--listen-client-urls', 'http://0.0.0.0:2379', '--advertise-client-urls', `http://${name}:2379`],
    ports: [2379],
    readiness: { http: '/health', port: 2379 },
  };
}

/** Typed identity: `export default defineConfig({...})` gets the editor's completion and checks. */
export function defineConfig(config: (context: ConfigContext) => FaultlineConfig): (context: ConfigContext) => FaultlineConfig;
export function defineConfig(config: FaultlineConfig): FaultlineConfig;
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
