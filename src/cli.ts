// faultline up | down | report | images
import { setTimeout as sleep } from 'node:timers/promises';
import { resolveImageCatalog } from './images/image-catalog.js';
import { regenerateReports } from './report/regenerate.js';
import { sweepRun } from './topology/docker-api.js';
import { startReferenceStack } from './topology/reference-stack.js';
import { referenceNames } from './topology/reference-topology.js';

const usage = `usage: faultline <command>
  up                          start the reference stack and keep it running until Ctrl-C
  down                        remove every container and network any Faultline run left behind
  report <messages.ndjson> [dir]  rebuild the resilience reports from a saved run (default dir: reports)
  images                      print the images the stack would use`;

async function up(): Promise<void> {
  const stack = await startReferenceStack();
  const t = stack.topology;
  console.log(`reference stack up in ${Math.round(t.startMs)} ms on network ${t.networkName}
  order service via the ingress link: ${t.linkUrl('ingress')}   (X-API-Key: ${stack.secrets.apiKeys[0]})
  Toxiproxy API:                      ${t.toxiproxy.host}
  payment gateway control API:        ${t.service(referenceNames.gateway).hostUrl(referenceNames.gatewayControlPort)}  (Bearer ${stack.secrets.gatewayControlToken})
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
      return up();
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
