// faultline up | down | init | check-config | run | report | images
import { setTimeout as sleep } from 'node:timers/promises';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { configPath, loadConfig } from './config/load-config.js';
import { projectRoot } from './project-root.js';
import { scaffold } from './config/scaffold.js';
import { resolveImageCatalog } from './images/image-catalog.js';
import { regenerateReports } from './report/regenerate.js';
import { sweepRun } from './topology/docker-api.js';
import { startStack } from './topology/stack.js';

const usage = `usage: faultline <command>
  up [config]                 start the stack of a configuration (default faultline.config.ts) until Ctrl-C
  down                        remove every container and network any Faultline run left behind
  init <service-dir> [--name <name>] [--port <port>]
                              write <service-dir>/faultline.config.ts and an example feature for a new service
  check-config [config]       load and validate a configuration, print what it describes
  run [config] [--attach [project]] [cucumber-js arguments]
                              run a configuration's features (features/ next to it; the reference
                              stack's features/ by default), optionally against a running compose stack
  report <messages.ndjson> [dir]  rebuild the resilience reports from a saved run (default dir: reports)
  images                      print the images the stack would use`;

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

/** cucumber-js on a configuration's features, with FAULTLINE_CONFIG (and FAULTLINE_ATTACH) set; resolves with its exit code. */
async function run(args: string[]): Promise<number> {
  const rest = [...args];
  const config = rest[0]?.endsWith('.ts') ? resolve(rest.shift()!) : configPath();
  const attachAt = rest.indexOf('--attach');
  let attach: string | undefined;
  if (attachAt >= 0) {
    const next = rest[attachAt + 1];
    attach = next && !next.startsWith('-') ? next : 'faultline';
    rest.splice(attachAt, next === attach ? 2 : 1);
  }
  const loaded = await loadConfig(config);
  const features = join(dirname(loaded.path), 'features');
  const cli = join(projectRoot, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
  const cucumberArgs = [cli, ...(attach ? ['--profile', 'attach'] : []), ...(rest.some((arg) => !arg.startsWith('-') && existsSync(arg)) ? [] : [features]), ...rest];
  console.log(`faultline run: ${loaded.config.name} (${loaded.path})${attach ? `, attached to compose project "${attach}"` : ''}: cucumber-js ${cucumberArgs.slice(1).join(' ')}`);
  const child = spawn(process.execPath, cucumberArgs, {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, FAULTLINE_CONFIG: loaded.path, ...(attach ? { FAULTLINE_ATTACH: attach } : {}) },
  });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => done(code ?? 1));
  });
}

async function down(): Promise<void> {
  const removed = await sweepRun();
  console.log(`removed ${removed.containers} containers, ${removed.networks} networks and ${removed.volumes} volumes`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return up(rest[0]);
    case 'init': {
      const dir = rest.find((arg, index) => !arg.startsWith('--') && !rest[index - 1]?.startsWith('--'));
      if (!dir) throw new Error(`faultline init needs the directory of the service (with its Dockerfile)\n${usage}`);
      const option = (name: string) => {
        const index = rest.indexOf(`--${name}`);
        return index >= 0 ? rest[index + 1] : undefined;
      };
      const port = option('port');
      const written = scaffold({ serviceDir: dir, ...(option('name') ? { name: option('name')! } : {}), ...(port ? { port: Number(port) } : {}) });
      console.log(`wrote ${written.join(', ')}\nnext: edit the configuration, then \`npm run faultline -- check-config ${written[0]}\` and \`npm run faultline -- run ${written[0]}\``);
      return;
    }
    case 'run':
      process.exitCode = await run(rest);
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
      const [messages, dir = 'reports'] = rest;
      if (!messages) throw new Error(`faultline report needs the path of a messages.ndjson (cucumber's message output)\n${usage}`);
      const { files, warnings } = await regenerateReports(messages, dir);
      for (const warning of warnings) console.warn(`warning: ${warning}`);
      console.log(`wrote ${Object.values(files).join(', ')}`);
      return;
    }
    case 'images':
      console.log(JSON.stringify(resolveImageCatalog(), null, 2));
      return;
    default:
      console.error(command ? `unknown command "${command}"\n${usage}` : usage);
      process.exitCode = 2;
  }
}

await main(process.argv.slice(2));
