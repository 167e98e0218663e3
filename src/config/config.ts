// The shape of faultline.config.ts: which service is under test, what it depends on, and which of
// its connections run through Toxiproxy as named links. Steps speak only of these names.
//
// Environment values, request headers and control tokens may contain these placeholders:
//   {{link:NAME}}    the address (toxiproxy:PORT) through which a container reaches link NAME
//   {{link-host:NAME}}, {{link-port:NAME}}  the same address in two parts
//   {{secret:NAME}}  a random value made for each run, never written to reports or logs
import { join } from 'node:path';
import { resolveImageCatalog, type ImageCatalog } from '../images/image-catalog.js';
import { projectRoot } from '../project-root.js';

/** A placeholder in a configuration value: its kind and its name. */
export const placeholderPattern = /\{\{(link|link-host|link-port|secret):([^}]*)\}\}/g;

/** How the suite knows a container is ready: an HTTP answer on a port, or a log line. */
export type ReadinessConfig =
  | { readonly http: string; readonly port?: number; readonly status?: number }
  | { readonly log: string; readonly times?: number };

export interface ContainerConfig {
  /** Network alias: links and other services reach the container by this name. */
  readonly name: string;
  /** An image to run. Exactly one of `image` and `build`. */
  readonly image?: string;
  /** A Dockerfile to build, its context relative to the configuration file. */
  readonly build?: { readonly context: string; readonly args?: Readonly<Record<string, string>> };
  readonly environment?: Readonly<Record<string, string>>;
  /** Container ports. Each is also published on 127.0.0.1 at a random port for the suite. */
  readonly ports: readonly number[];
  readonly readiness: ReadinessConfig;
  /** How long the container may take to become ready, as a duration ("60s"). Default 60s. */
  readonly startupTimeout?: string;
  readonly command?: readonly string[];
  /** Files copied into the container before it starts; `source` is relative to the configuration file. */
  readonly files?: ReadonlyArray<{ readonly source: string; readonly target: string; readonly mode?: number }>;
  /** Environment keys whose values are secrets: redacted in reports and diagnostics. */
  readonly secretEnvironment?: readonly string[];
  /** The variable that overrides this container's image, named in the error when the image is missing. */
  readonly imageVariable?: string;
}

/** A request the generic steps send ("20 requests are sent"). */
export interface RequestConfig {
  readonly method?: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body. */
  readonly body?: unknown;
  /** A header that gets a fresh UUID on every request (an idempotency key), if the service wants one. */
  readonly uniqueHeader?: string;
}

export interface ServiceUnderTestConfig extends ContainerConfig {
  /** The link through which clients (the steps) reach the service. */
  readonly ingress: string;
  /** What "N requests are sent" sends. Default: GET /. */
  readonly request?: RequestConfig;
  /** Prometheus text exposition on the service's first port. Steps that read metrics need it. */
  readonly metrics?: { readonly path: string };
  /**
   * Run between a restart and the scenario, so that start-up costs are not measured as the
   * behaviour under test: `rounds` of `concurrency` readiness checks and requests at once.
   */
  readonly warmUp?: { readonly rounds: number; readonly concurrency: number; readonly headers?: Readonly<Record<string, string>> };
  /**
   * A gauge that must have this value for the running service to be reused by the next scenario
   * (for example a circuit breaker state of 0 = closed); otherwise it is restarted first.
   */
  readonly pristineWhen?: { readonly metric: string; readonly value: number };
  /**
   * True when the service keeps no state from one request to the next (no breaker, cache, bucket
   * or session), so a running, ready service can be reused by the next scenario as it is. Without
   * it or pristineWhen, a service an earlier scenario used is restarted before the next one.
   */
  readonly stateless?: boolean;
}

export interface DependencyConfig extends ContainerConfig {
  /**
   * A control API that scripts the dependency's answers and keeps a journal of what it received
   * (the payment gateway fixture has one). Steps that script answers or count requests need it.
   */
  readonly control?: { readonly port: number; readonly token: string };
  /**
   * Its requests are not caused by the service's answers but come later, from a worker (the events
   * stack's shipping upstream): the fault-space explorer ties none of them to a workload request, so
   * the contract's per-request invariants leave them to the checker of that flow.
   */
  readonly asynchronous?: boolean;
}

export interface LinkConfig {
  /** The name steps use ("the payment link goes down"). */
  readonly name: string;
  /** The container and port the link leads to, as "service:port". */
  readonly to: string;
}

/**
 * A broken variant of the service under test that the scenarios tagged `tags` must catch
 * (`faultline test --mutants` runs them against it; it is killed only when one of them fails in a
 * Then step). Give an environment laid over every scenario's own settings, another image, or
 * another build of the service, or an environment together with one of the two.
 */
export interface MutantConfig {
  /** Lower-case letters, digits and dashes; FAULTLINE_MUTANT=<name> runs the features against it. */
  readonly name: string;
  /** What it breaks, in words (shown with its verdict). */
  readonly breaks?: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly image?: string;
  /** A Dockerfile to build instead of the service's, its context relative to the configuration file. */
  readonly build?: { readonly context: string; readonly args?: Readonly<Record<string, string>> };
  /** Cucumber tag expression of the scenarios that must kill it, e.g. "@timeouts". */
  readonly tags: string;
}

export interface FaultlineConfig {
  /** Shown in reports and diagnostics. */
  readonly name: string;
  readonly service: ServiceUnderTestConfig;
  /** Started in order, before the service under test. */
  readonly dependencies?: readonly DependencyConfig[];
  /** One Toxiproxy proxy each, in order. */
  readonly links: readonly LinkConfig[];
  /** Broken variants of the service that the features must catch (`faultline test --mutants`). */
  readonly mutants?: readonly MutantConfig[];
}

/** What a configuration function receives. */
export interface ConfigContext {
  /** Images of the stand-ins or the official images (see `npm run faultline images`). */
  readonly images: ImageCatalog;
}

export type ConfigInput = FaultlineConfig | ((context: ConfigContext) => FaultlineConfig);

/**
 * The images the stack uses: the official ones, or the stand-ins set-up built
 * (`npm run faultline images` prints them). For fixtures' BASE_IMAGE and the PostgreSQL image.
 */
export const images: ImageCatalog = resolveImageCatalog();

/**
 * The suite's scriptable HTTP upstream (the program in fixtures/payment-gateway: any method and
 * path, the charge ledger on POST /charges, GET /health unjournaled) as a dependency, with its
 * token-guarded control API, so that steps can script its answers per route ("the inventory
 * upstream answers POST /reservations with 503 for the next 2 requests") and count what it received.
 * The default name is the reference stack's payment gateway; give another for any other dependency.
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

/** Typed identity: `export default defineConfig({...})` gets the editor's completion and checks. */
export function defineConfig(config: (context: ConfigContext) => FaultlineConfig): (context: ConfigContext) => FaultlineConfig;
export function defineConfig(config: FaultlineConfig): FaultlineConfig;
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
