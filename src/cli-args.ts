// The command line's words, read without side effects: which command, its options, --help and
// --version. cli.ts does what they say.
import { FaultlineError } from './errors.js';

export const usage = `usage: faultline <command> [options]
  init [service-dir] [--name <name>] [--port <port>] [--image <name:tag>] [--health <path>] [--path <path>]
                              write a configuration, cucumber.mjs, an example feature and a GitHub
                              Actions workflow for a service (default: the current directory, built
                              from its Dockerfile; --image uses an image instead)
  test [config] [cucumber-js arguments]
  test [config] --mutants     run each mutant the configuration declares (its mutants) against the
                              scenarios of its tags; fails if a mutant survives
  run [config] [--attach [project]] [cucumber-js arguments]
                              build the images the configuration needs and run its features
                              (features/ next to it) with cucumber-js; test and run are one command
  up [config]                 start the stack of a configuration until Ctrl-C
  down                        remove every container and network any Faultline run left behind
  check-config [config]       load and validate a configuration, print what it describes
  report <messages.ndjson> [dir] [--compare <previous resilience-report.json>]
                              rebuild the resilience reports from a saved run (default dir: reports),
                              optionally saying what got slower, newly fails or newly passes since another
  report merge <shard-dir...> --out <dir>
                              join the runs of "--shard i/N" (each shard's reports directory) into
                              one set of reports: HTML, JSON, JUnit, summary.md, messages.ndjson
  images                      print the images the stack would use
  explore [config] [--requests N] [--budget-runs N] [--budget-seconds S] [--statuses 201,502,...]
          [--deadline 2s] [--slow 1500ms] [--oracles a,b] [--seed N] [--singles-only] [--keep-going]
          [--out file] [--faults <set>]
                              learn the dependency interactions of N configured requests, then run
                              them under every single fault at every interaction and pairs along
                              them within the budget; stop at the first broken invariant (unless
                              --keep-going) and print its minimal fault set and replay command
                              (--faults replays one set)
  --help, -h                  this text
  --version, -v               the installed Faultline's version

The configuration is faultline.config.ts in the current directory unless given (or FAULTLINE_CONFIG).`;

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'unknown'; readonly command: string }
  | { readonly kind: 'command'; readonly command: string; readonly rest: readonly string[] };

const commands = new Set(['init', 'test', 'run', 'up', 'down', 'check-config', 'report', 'images', 'explore']);

/** The command and its arguments; `faultline`, `--help` and `<command> --help` are help (cucumber's own --help excepted). */
export function parseCli(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-v' || command === 'version') return { kind: 'version' };
  if (!commands.has(command)) return { kind: 'unknown', command };
  if (command !== 'test' && command !== 'run' && (rest.includes('--help') || rest.includes('-h'))) return { kind: 'help' };
  return { kind: 'command', command, rest };
}

export interface InitArguments {
  readonly serviceDir: string;
  readonly name?: string;
  readonly port?: number;
  readonly image?: string;
  readonly health?: string;
  readonly path?: string;
}

const initOptions = ['name', 'port', 'image', 'health', 'path'] as const;

/** `faultline init`'s arguments; a missing value, an unknown option or a port that is not a number is an FL_BAD_CONFIG naming it. */
export function parseInitArguments(rest: readonly string[]): InitArguments {
  const values: Partial<Record<(typeof initOptions)[number], string>> = {};
  const positional: string[] = [];
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [flag, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!(initOptions as readonly string[]).includes(flag)) {
      throw new FaultlineError('FL_BAD_INPUT', `faultline init has no option --${flag}; its options are ${initOptions.map((o) => `--${o}`).join(', ')}`);
    }
    const value = inline ?? rest[index + 1];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new FaultlineError('FL_BAD_INPUT', `faultline init --${flag} needs a value, for example ${initExample[flag as (typeof initOptions)[number]]}`);
    }
    if (inline === undefined) index += 1;
    values[flag as (typeof initOptions)[number]] = value;
  }
  if (positional.length > 1) {
    throw new FaultlineError('FL_BAD_INPUT', `faultline init takes one service directory, got ${positional.map((p) => `"${p}"`).join(' and ')}`);
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = /^\d+$/.test(values.port) ? Number(values.port) : Number.NaN;
    if (Number.isNaN(port)) throw new FaultlineError('FL_BAD_INPUT', `faultline init --port "${values.port}" is not a port number; give the port your service listens on, for example --port 8080`);
  }
  return {
    serviceDir: positional[0] ?? '.',
    ...(values.name === undefined ? {} : { name: values.name }),
    ...(port === undefined ? {} : { port }),
    ...(values.image === undefined ? {} : { image: values.image }),
    ...(values.health === undefined ? {} : { health: values.health }),
    ...(values.path === undefined ? {} : { path: values.path }),
  };
}

const initExample: Record<(typeof initOptions)[number], string> = {
  name: '--name quotes',
  port: '--port 8080',
  image: '--image quotes:latest',
  health: '--health /healthz',
  path: '--path /api/status',
};
