// faultline init | test | run | up | down | check-config | report | images | explore | --help | --version
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseCli, parseInitArguments, usage } from './cli-args.js';
import { configPath, loadConfig } from './config/load-config.js';
import { FaultlineError } from './errors.js';
import { projectRoot } from './project-root.js';
import { scaffold } from './init/scaffold.js';
import { resolveImageCatalog } from './images/image-catalog.js';
import { regenerateReports } from './report/regenerate.js';
import { reportMergeCommand } from './shards/merge-reports.js';
import { reportsDirectory } from './report/write-reports.js';
import { testConfiguredMutants } from './mutants/config-mutants.js';
import { exploreCommand } from './explore/explore-command.js';
import { sweepRun } from './topology/run-sweep.js';
import { startStack } from './stack/stack.js';

async function up(path?: string): Promise<void> {
  const stack = await startStack(await loadConfig(path));
  const t = stack.topology;
  const secrets = [...stack.secrets].map(([name, value]) => `    ${name}: ${value}`).join('\n');
  const controls = (stack.config.dependencies ?? [])
    .flatMap((dependency) => (dependency.control ? [`  ${dependency.name} control API: ${t.service(dependency.name).hostUrl(dependency.control.port)}`] : []))
    .join('\n');
  console.log(`${stack.config.name} up in ${Math.round(t.startMs)} ms on network ${t.networkName}
  ${stack.config.service.name} via the ${stack.config.service.ingress} link: ${stack.serviceUrl}
  Toxiproxy API: ${t.toxiproxy.host}   links: ${t.linkNames.join(', ')}
${controls}
  this run's secrets (for your requests; never in reports):
${secrets || '    none'}
Ctrl-C stops and removes it.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void t[Symbol.asyncDispose]().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  for (;;) await sleep(60_000);
}

/** The directory cucumber-js runs in: the nearest one at or above the configuration with a cucumber configuration file, else Faultline's own. */
function cucumberDirectory(configFile: string): string {
  for (let dir = dirname(configFile); ; dir = dirname(dir)) {
    if (['cucumber.mjs', 'cucumber.js', 'cucumber.cjs', 'cucumber.json', 'cucumber.yaml', 'cucumber.yml'].some((name) => existsSync(join(dir, name)))) return dir;
    if (dirname(dir) === dir) return projectRoot;
  }
}

/** cucumber-js on a configuration's features, with FAULTLINE_CONFIG (and FAULTLINE_ATTACH) set; resolves with its exit code. */
async function run(args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<number> {
  const rest = [...args];
  const config = rest[0] && /\.[cm]?[jt]s$/.test(rest[0]) ? resolve(rest.shift()!) : configPath();
  const attachAt = rest.indexOf('--attach');
  let attach: string | undefined;
  if (attachAt >= 0) {
    const next = rest[attachAt + 1];
    attach = next && !next.startsWith('-') ? next : 'faultline';
    rest.splice(attachAt, next === attach ? 2 : 1);
  }
  const loaded = await loadConfig(config);
  const features = join(dirname(loaded.path), 'features');
  // Resolved as a dependency: beside Faultline in a user's node_modules, or in a checkout's.
  const cli = join(dirname(createRequire(import.meta.url).resolve('@cucumber/cucumber/package.json')), 'bin', 'cucumber.js');
  const cwd = cucumberDirectory(loaded.path);
  const cucumberArgs = [cli, ...(attach ? ['--profile', 'attach'] : []), ...(rest.some((arg) => !arg.startsWith('-') && existsSync(resolve(cwd, arg.replace(/(:\d+)+$/, '')))) ? [] : [features]), ...rest];
  console.log(`faultline run: ${loaded.config.name} (${loaded.path})${attach ? `, attached to compose project "${attach}"` : ''}: cucumber-js ${cucumberArgs.slice(1).join(' ')} (in ${cwd})`);
  const child = spawn(process.execPath, cucumberArgs, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, FAULTLINE_CONFIG: loaded.path, ...(attach ? { FAULTLINE_ATTACH: attach } : {}), ...extraEnv },
  });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

/** `test --mutants`: the configuration's own mutants, each against the scenarios of its tags. */
async function testMutants(args: readonly string[]): Promise<number> {
  const [first, ...others] = args;
  const given = first && /\.[cm]?[jt]s$/.test(first) ? first : undefined;
  const loaded = await loadConfig(given);
  return testConfiguredMutants(loaded.config, given ? others : args, (extra, env) => run([loaded.path, ...extra], env), { reportsDir: reportsDirectory() });
}

async function down(): Promise<void> {
  const removed = await sweepRun();
  console.log(`removed ${removed.containers} containers, ${removed.networks} networks and ${removed.volumes} volumes`);
}

function version(): string {
  return (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<void> {
  const parsed = parseCli(argv);
  if (parsed.kind === 'help') return void console.log(usage);
  if (parsed.kind === 'version') return void console.log(version());
  if (parsed.kind === 'unknown') {
    console.error(`unknown command "${parsed.command}"\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const { command, rest } = parsed;
  switch (command) {
    case 'up':
      return up(rest[0]);
    case 'init': {
      const written = scaffold(parseInitArguments(rest));
      console.log(`wrote ${written.join(', ')}\nnext: edit the configuration, then \`npx faultline check-config\` and \`npx faultline test\``);
      return;
    }
    case 'test':
    case 'run':
      process.exitCode = rest.includes('--mutants') ? await testMutants(rest.filter((arg) => arg !== '--mutants')) : await run(rest);
      return;
    case 'check-config': {
      const loaded = await loadConfig(rest[0]);
      const { config } = loaded;
      console.log(`${loaded.path}: valid
  ${config.name}: ${config.service.name} (clients reach it through the ${config.service.ingress} link)
  dependencies: ${(config.dependencies ?? []).map((d) => `${d.name}${d.control ? ' (control API)' : ''}`).join(', ') || 'none'}
  links: ${config.links.map((link) => `${link.name} -> ${link.to}`).join(', ')}
  metrics: ${config.service.metrics ? config.service.metrics.path : 'none (steps that read metrics will say so)'}`);
      return;
    }
    case 'down':
      return down();
    case 'report': {
      if (rest[0] === 'merge') {
        process.exitCode = await reportMergeCommand(rest.slice(1));
        return;
      }
      // --compare <previous resilience-report.json> reaches the writers as the formatter's FAULTLINE_COMPARE.
      const compareAt = rest.indexOf('--compare');
      const previous = compareAt >= 0 ? rest[compareAt + 1] : undefined;
      if (compareAt >= 0) {
        if (!previous || previous.startsWith('--')) throw new FaultlineError('FL_BAD_INPUT', 'faultline report --compare needs the resilience-report.json of an earlier run, for example: --compare old/resilience-report.json');
        process.env.FAULTLINE_COMPARE = resolve(previous);
      }
      const [messages, dir = 'reports'] = compareAt >= 0 ? rest.filter((_, index) => index !== compareAt && index !== compareAt + 1) : rest;
      if (!messages) throw new FaultlineError('FL_BAD_INPUT', 'faultline report needs the path of a messages.ndjson (cucumber\'s message output), for example: npx faultline report reports/messages.ndjson');
      const { files, warnings, report } = await regenerateReports(messages, dir);
      for (const warning of warnings) console.warn(`warning: ${warning}`);
      console.log(`${report.summary.headline}\nwrote ${Object.values(files).join(', ')}`);
      return;
    }
    case 'images':
      console.log(JSON.stringify(resolveImageCatalog(), null, 2));
      return;
    case 'explore':
      process.exitCode = await exploreCommand(rest);
      return;
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  // Bad input and broken environments are FaultlineErrors: their message names the input and the fix, and a stack trace adds nothing.
  if (!(error instanceof FaultlineError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
