// `faultline init [service-dir]`: everything a project needs to run Faultline on its own service,
// written into the working directory (the project), valid as written and never overwriting:
// faultline.config.ts or .mts (importing from the installed package), cucumber.mjs (the package's steps
// and formatter), an example feature that passes against any HTTP service, and a GitHub Actions
// workflow.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { FaultlineError } from '../errors.js';
import { projectRoot } from '../project-root.js';
import { namePattern } from '../config/config.js';

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

/** A template of the generated files: templates/init/<file>.template, shipped with the package. */
const template = (file: string) => readFileSync(join(projectRoot, 'templates', 'init', `${file}.template`), 'utf8');

/** The generated files, by path relative to the project directory. */
export function scaffoldFiles(plan: ScaffoldPlan): Record<string, string> {
  const source =
    plan.image === undefined
      ? `    // Built from this Dockerfile's directory (relative to this file) before every run; Docker's cache makes a rebuild cheap.\n    build: { context: ${JSON.stringify(plan.context ?? '.')} },`
      : `    image: ${JSON.stringify(plan.image)},`;
  const values: Record<string, string> = { NAME: plan.name, PORT: String(plan.port), HEALTH: JSON.stringify(plan.health), PATH: JSON.stringify(plan.path), SOURCE: source };
  const fill = (text: string) => text.replace(/%([A-Z]+)%/g, (marker, key: string) => values[key] ?? marker);
  return {
    [plan.configFile]: fill(template('faultline.config.ts')),
    'cucumber.mjs': template('cucumber.mjs'),
    [`features/${plan.name}.feature`]: fill(template('example.feature')),
    '.github/workflows/faultline.yml': template('faultline.yml'),
  };
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
