// faultline up | down | init | check-config | report | images
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from './config/load-config.js';
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
      console.log(`wrote ${written.join(', ')}\nnext: edit the configuration, then run \`npm run faultline -- check-config ${written[0]}\` and \`FAULTLINE_CONFIG=${written[0]} npx cucumber-js ${written[1]}\``);
      return;
    }
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
