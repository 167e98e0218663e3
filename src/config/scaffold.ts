// `faultline init [service-dir]`: everything a project needs to run Faultline on its own service,
// written into the working directory (the project), valid as written and never overwriting:
// faultline.config.ts or .mts (importing from the installed package), cucumber.mjs (the package's steps
// and formatter), an example feature that passes against any HTTP service, and a GitHub Actions
// workflow.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { FaultlineError } from '../errors.js';
import { namePattern } from './config.js';

export interface ScaffoldOptions {
  /** The directory of the service's Dockerfile (the build context). Default: the project directory. */
  readonly serviceDir?: string;
  /** Where the files go. Default: the working directory. */
  readonly projectDir?: string;
  readonly name?: string;
  readonly port?: number;
  /** An image to run instead of building the Dockerfile. */
  readonly image?: string;
  /** The path that answers 2xx once the service is ready. Default /health. */
  readonly health?: string;
  /** The path "N requests are sent" requests. Default /. */
  readonly path?: string;
}

export interface ScaffoldPlan extends Required<Pick<ScaffoldOptions, 'name' | 'port' | 'health' | 'path'>>, Pick<ScaffoldOptions, 'image'> {
  /** faultline.config.ts where the project's package.json says "type": "module", else .mts (Node would read a .ts as CommonJS). */
  readonly configFile: 'faultline.config.ts' | 'faultline.config.mts';
  /** The build context relative to the project (`.`), or undefined with an image. */
  readonly context?: string;
}

/** The generated files, by path relative to the project directory. */
export function scaffoldFiles(plan: ScaffoldPlan): Record<string, string> {
  return {
    [plan.configFile]: configText(plan),
    'cucumber.mjs': cucumberText(),
    [`features/${plan.name}.feature`]: featureText(plan.name),
    '.github/workflows/faultline.yml': workflowText(),
  };
}

function configText(plan: ScaffoldPlan): string {
  const source = plan.image === undefined
    ? `    // Built from this Dockerfile's directory (relative to this file) before every run; Docker's cache makes a rebuild cheap.
    build: { context: ${JSON.stringify(plan.context ?? '.')} },`
    : `    image: ${JSON.stringify(plan.image)},`;
  return `// Faultline configuration of ${plan.name}, written by \`npx faultline init\`; edit it freely.
// Check it with \`npx faultline check-config\`, run it with \`npx faultline test\`.
import { defineConfig, scriptableUpstream } from 'faultline';

export default defineConfig({
  name: '${plan.name}',
  // What your service calls, each reached through a link so that faults can be injected on the way.
  // This one is Faultline's scriptable HTTP upstream (any method and path, a journal of what it
  // received, answers scripted by steps); point your service at it through UPSTREAM_URL below, or
  // replace it with your real dependency ({ name, image or build, environment, ports, readiness }).
  dependencies: [scriptableUpstream({ name: 'upstream' })],
  links: [
    { name: 'upstream', to: 'upstream:8080' },
    { name: 'ingress', to: '${plan.name}:${plan.port}' },
  ],
  service: {
    name: '${plan.name}',
${source}
    // {{link:upstream}} becomes the address (toxiproxy:PORT) through which ${plan.name} reaches the upstream.
    environment: { PORT: '${plan.port}', UPSTREAM_URL: 'http://{{link:upstream}}' },
    ports: [${plan.port}],
    readiness: { http: ${JSON.stringify(plan.health)} },
    ingress: 'ingress',
    // The request "N requests are sent" sends. Add headers, a JSON body, or uniqueHeader: 'Idempotency-Key'.
    request: { method: 'GET', path: ${JSON.stringify(plan.path)} },
    // metrics: { path: '/metrics' },   if the service exposes Prometheus text
  },
});
`;
}

function cucumberText(): string {
  return `// cucumber-js configuration written by \`npx faultline init\`: Faultline's steps, one line per
// scenario as it ends, the resilience report (resilience-report.html, .json, summary.md) and
// cucumber's own HTML, JUnit and messages, all in FAULTLINE_REPORTS_DIR (default reports/).
const reportsDir = (process.env.FAULTLINE_REPORTS_DIR || 'reports').replace(/\\/+$/, '');

export default {
  import: ['node_modules/faultline/dist/steps/**/*.js'],
  format: [
    'faultline/progress',
    \`html:\${reportsDir}/cucumber.html\`,
    \`junit:\${reportsDir}/junit.xml\`,
    \`message:\${reportsDir}/messages.ndjson\`,
    \`faultline/formatter:\${reportsDir}/resilience-report.json\`,
  ],
  formatOptions: { snippetInterface: 'async-await' },
  strict: true,
};
`;
}

function featureText(name: string): string {
  return `Feature: ${name} under network faults
  Written with Faultline's generic steps only (node_modules/faultline/docs/steps.md); add your own
  scenarios below.

  Scenario: Latency on the ingress link shows in every request
    Given a baseline of 10 requests
    When the ingress link gets 100ms of downstream latency
    And 10 requests are sent
    Then every request takes at least 100ms

  Scenario: The service answers again soon after its ingress link comes back
    When the ingress link goes down
    And the ingress link comes back
    Then requests succeed again within 2s
`;
}

function workflowText(): string {
  return `# Written by \`npx faultline init\`: runs the Faultline features on every push and pull request.
name: faultline
on:
  push:
  pull_request:
jobs:
  faultline:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          cache: npm
      - run: npm ci
      # Builds the images the configuration needs, starts them with Testcontainers on the runner's Docker.
      # The run itself appends reports/summary.md to the job summary and annotates each failed scenario.
      - run: npx faultline test
      - name: Reports
        if: always()
        uses: actions/upload-artifact@v4
        with:
          name: faultline-reports
          path: |
            reports/junit.xml
            reports/resilience-report.html
            reports/cucumber.html
            reports/resilience-report.json
          if-no-files-found: warn
`;
}

function projectIsModule(projectDir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
  } catch {
    return false;
  }
}

/** Reads and checks the inputs; every missing or bad one is an FL_BAD_INPUT naming it and the fix. */
export function planScaffold(options: ScaffoldOptions): ScaffoldPlan & { readonly projectDir: string } {
  const projectDir = resolve(options.projectDir ?? process.cwd());
  const serviceDir = resolve(projectDir, options.serviceDir ?? '.');
  if (options.image !== undefined) {
    if (!/^[a-z0-9][a-z0-9._\/:@-]*$/i.test(options.image)) {
      throw new FaultlineError('FL_BAD_INPUT', `--image "${options.image}" is not an image reference; give one Docker can run, for example --image quotes:latest`);
    }
  } else if (!existsSync(serviceDir) || !statSync(serviceDir).isDirectory()) {
    throw new FaultlineError('FL_BAD_INPUT', `the service directory ${serviceDir} does not exist; give the directory of your service's Dockerfile (npx faultline init path/to/service) or an image (npx faultline init --image name:tag)`);
  } else if (!existsSync(join(serviceDir, 'Dockerfile'))) {
    throw new FaultlineError('FL_BAD_INPUT', `${serviceDir} has no Dockerfile; give the directory that has your service's Dockerfile (npx faultline init path/to/service) or an image to run (npx faultline init --image name:tag)`);
  }
  const fromDir = options.image === undefined ? serviceDir : projectDir;
  const name = options.name ?? (basename(fromDir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '') || 'my-service');
  if (!namePattern.test(name)) {
    throw new FaultlineError('FL_BAD_INPUT', `--name "${name}" is not usable as a network alias; use lower-case letters, digits and dashes, starting with a letter (for example --name quotes)`);
  }
  if (name === 'upstream' || name === 'toxiproxy') {
    throw new FaultlineError('FL_BAD_INPUT', `--name "${name}" is taken by a container of the stack; choose another, for example --name my-${name}`);
  }
  const port = options.port ?? 8080;
  if (!Number.isInteger(port) || port < 1 || port > 65_535 || port === 8081) {
    throw new FaultlineError('FL_BAD_INPUT', `--port ${String(options.port)} is not a usable port; give the port ${name} listens on inside its container (1-65535, not 8081, which the scriptable upstream's control API takes), for example --port 8080`);
  }
  for (const [option, value] of [['--health', options.health], ['--path', options.path]] as const) {
    if (value !== undefined && !value.startsWith('/')) {
      throw new FaultlineError('FL_BAD_INPUT', `${option} "${value}" is not a path; give one that starts with /, for example ${option} /${value}`);
    }
  }
  const context = relative(projectDir, serviceDir) || '.';
  return {
    projectDir,
    configFile: projectIsModule(projectDir) ? 'faultline.config.ts' : 'faultline.config.mts',
    name,
    port,
    ...(options.image === undefined ? { context: context.startsWith('.') ? context : `./${context}` } : { image: options.image }),
    health: options.health ?? '/health',
    path: options.path ?? '/',
  };
}

/** Writes the files of `scaffoldFiles`; returns their paths as shown to the user. Never overwrites. */
export function scaffold(options: ScaffoldOptions): string[] {
  const plan = planScaffold(options);
  const files = Object.entries(scaffoldFiles(plan)).map(([path, text]) => [join(plan.projectDir, path), text] as const);
  const present = files.filter(([path]) => existsSync(path)).map(([path]) => path);
  if (present.length > 0) {
    throw new FaultlineError('FL_BAD_INPUT', `${present.join(', ')} ${present.length === 1 ? 'exists' : 'exist'} already; faultline init never overwrites: move ${present.length === 1 ? 'it' : 'them'} away or edit ${present.length === 1 ? 'it' : 'them'} by hand`);
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  return files.map(([path]) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere === '' || fromHere.startsWith('..') ? path : fromHere;
  });
}
