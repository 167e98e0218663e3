// The step catalog (docs/steps.md) is generated from the step definitions themselves, so that it
// cannot drift from what runs. A test compares the committed file with a fresh rendering.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../project-root.js';

export interface StepEntry {
  readonly keyword: 'Given' | 'When' | 'Then';
  readonly expression: string;
  readonly file: string;
  readonly line: number;
}

const definitionPattern = /\b(Given|When|Then)\(\s*(['"])((?:\\.|(?!\2).)*)\2/g;

export function extractSteps(source: string, file: string): StepEntry[] {
  const entries: StepEntry[] = [];
  for (const match of source.matchAll(definitionPattern)) {
    const expression = match[3]!.replace(/\\(['"\\])/g, '$1').replace(/\\\\/g, '\\');
    entries.push({ keyword: match[1] as StepEntry['keyword'], expression, file, line: source.slice(0, match.index).split('\n').length });
  }
  return entries;
}

export function collectSteps(stepsDir = join(projectRoot, 'steps')): StepEntry[] {
  return readdirSync(stepsDir)
    .filter((name) => name.endsWith('.steps.ts'))
    .sort()
    .flatMap((name) => extractSteps(readFileSync(join(stepsDir, name), 'utf8'), relative(projectRoot, join(stepsDir, name))));
}

const parameterTypes: ReadonlyArray<readonly [string, string, string]> = [
  ['{duration}', '`200ms`, `2s`, `1.5s`, `1m`', 'a time; bounds get the DESIGN §5 tolerances'],
  ['{percent}', '`1%`, `0.5%`', 'a fraction of requests'],
  ['{percentile}', '`p(50)`, `p(99)`', 'a latency percentile'],
  ['{status}', '`503`', 'an HTTP status'],
  ['{link}', '`payment`, `db-primary`, `ingress`', 'a link of the configuration (`links[].name`)'],
  ['{service}', '`order service`, `payment gateway`, `tip jar`', 'a container of the configuration; spaces stand for dashes'],
  ['{toxic}', '`latency`, `bandwidth`, `slow_close`, `timeout`, `reset_peer`, `slicer`, `limit_data`', 'a Toxiproxy toxic type'],
  ['{stream}', '`upstream`, `downstream`', 'the direction a toxic applies to'],
  ['{route}', '`POST /reservations`, `GET /items`', 'a method and an exact path on a scriptable upstream'],
  ['{answer}', '`503`, `503 and Retry-After 1s`, `a delay of 2s`, `a truncated body`, `headers trickled over 1s`', 'what a scriptable upstream answers'],
  ['{selection}', '`for the next request`, `for the next 3 requests`, `on the 3rd request`, `for every request`, `for 10% of requests`', 'which requests on the route get the answer, counted from when the step runs; a share gets a seed, recorded with the fault (`FAULTLINE_SCRIPT_SEED=<seed>` replays it)'],
  ['{packets}', '`packets`, `packets it sends`, `packets it receives`', "which of a container's packets a packet fault takes: both directions, or one"],
  ['{rate}', '`64kbit/s`, `2mbit/s`', 'a link rate for packet faults'],
  ['{replication}', '`synchronous`, `asynchronous`', "how the database primary replicates to its standby"],
  ['{int}, {string}, {word}', '`3`, `"503, 200"`, `/metrics`', "cucumber's built-in types"],
];

/**
 * What each group of steps needs from the configuration (docs/writing-features.md, "The contract").
 * Every steps file must have an entry: a new file cannot reach the catalog without saying it.
 */
const needs: Readonly<Record<string, string>> = {
  auth: 'The order contract with bearer tokens: a service that takes `JWT_PUBLIC_KEY` (a JWK), `JWT_ISSUER`, `JWT_AUDIENCE` and `JWT_LEEWAY_SECONDS` (src/auth/auth-settings.ts) and answers `GET /orders/:id` with 401/403/404 problem documents.',
  breaker: 'The order contract, `service.metrics` with the `payment_breaker_state` gauge, and a `payment-gateway` dependency with a control API.',
  chaos: 'Any service for pauses, crashes, CPU, clock and DNS faults on a container of the configuration; the order and API-key steps need the order contract.',
  dr: 'The reference stack: a `postgres-primary` dependency and a service that reads `DB_HOSTS={{link:db-primary}}`; tag the scenario or feature `@dr`, which replaces that database by three PostgreSQL members managed by Patroni with etcd (src/dr/patroni-config.ts; FAULTLINE_PATRONI_IMAGE, FAULTLINE_ETCD_IMAGE) and brings the cluster back to health before each scenario.',
  events: 'The reference stack with its asynchronous half: tag the scenario or feature `@events`, which starts NATS JetStream, the fulfilment worker (fixtures/fulfilment-worker), a `shipping` scriptable upstream and the links `broker`, `broker-worker`, `shipping` and `worker-db` (src/events/events-config.ts). The checker reads the orders database, the shipping journal and the dead-letter stream.',
  explore: "Any service: the configuration's `service.request` (placing orders and sending requests are the same workload), its scriptable upstreams' control APIs and journals (a forwarded `X-Request-Id` ties each upstream request to the workload request that caused it; without one, the journal's sequence numbers read around each request do); a counterexample's replay command runs `npx faultline explore` and the links in front of them.",
  faults: 'Any service: the links of its configuration.',
  fuzz: "The order contract: the reference service's endpoints, headers and problem+json errors; the memory step needs `service.metrics`.",
  gateway: 'A dependency with a control API (`dependencies[].control`), named in the step. Each step is the matching `upstream` step on `POST /charges`.',
  health: 'Any service for `GET`, signals and exit codes; "orders are in flight" needs the order contract and a control API, the order arriving after the grace period the order contract.',
  idempotency: 'The order contract and a `payment-gateway` dependency with a control API: its journal counts the charges a replay causes.',
  ingress: 'Any service that answers the path in the step.',
  load: 'The order contract.',
  lock: 'The reference stack with the distributed lock: tag the scenario or feature `@lock`, which starts etcd 3.4 (FAULTLINE_ETCD_IMAGE) and two runners of the backup job (fixtures/backup-job), `backup-job-a` and `backup-job-b`, reaching etcd through the links `lock-a` and `lock-b` (src/lock/lock-config.ts). The checks read each runner\'s `GET /ticks`.',
  mutation: 'The results of `npm run test:mutants`.',
  packet: "Any container of the configuration, named in the step (its image needs nothing: a helper from FAULTLINE_CHAOS_IMAGE joins its network namespace). The read-back step needs the order contract.",
  orders: 'The order contract (`POST /orders` with `X-API-Key: {{secret:api-key}}` and `Idempotency-Key`); "the {service} runs with:" works for any service under test.',
  'rate-limit': 'The order contract with two API keys (`{{secret:api-key}}`, `{{secret:api-key-2}}`).',
  requests: "Any service: they send the configuration's `service.request` through its ingress link.",
  retries: 'The order contract and a `payment-gateway` dependency with a control API.',
  replicas: 'The reference stack with replicas: tag the scenario or feature `@replicas`, which starts two more order-service replicas from its image and HAProxy (FAULTLINE_HAPROXY_IMAGE) in front of the three, the `ingress` link leading to HAProxy and the links `replica-1`..`replica-3` to the replicas (src/replicas/replicas-config.ts); the suite reads and drives HAProxy through its runtime API. The storage check reads the orders table of `postgres-primary`.',
  deployments: 'The replicas stack (tag `@deployments`, see replicas): the deployment driver starts new versions as more containers of the service\'s image, green servers and a canary that HAProxy\'s configuration declares in maintenance.',
  saga: 'The reference stack with its cache and saga: tag the scenario or feature `@cache` or `@saga`, which starts Redis and an `inventory` scriptable upstream behind the `cache` and `inventory` links (src/saga/saga-config.ts). The integrity checker reads the payment gateway\'s and the inventory\'s journals and the orders table.',
  'shared-rate-limit':
    'The reference stack with its cache: tag the scenario or feature `@shared-rate-limit`, which runs it on the cache and saga stack (src/saga/saga-config.ts) whose Redis, behind the `cache` link, holds the buckets of a service started with `RATE_LIMIT_STORE=redis` (`RATE_LIMIT_REDIS_URL`); the replicas step starts more containers of the service under test with its image and environment, and the burst uses two API keys and the warm-up key (`{{secret:api-key}}`, `{{secret:api-key-2}}`, `{{secret:warm-up-key}}`).',
  shutdown:
    "Any service: the configuration's `service.request`. \"requests are in flight\" waits until the scriptable upstreams hold them open, so script a delay on the route they reach first (without a scriptable upstream they are only started).",
  upstream: 'A dependency with a control API (`dependencies[].control`, e.g. `scriptableUpstream()`), named in the step with "upstream" after it.',
};

/** Groups of the reference system (the order contract): documented apart, built on the generic ones. */
const referenceGroups = new Set(['auth', 'breaker', 'deployments', 'dr', 'events', 'saga', 'fuzz', 'gateway', 'idempotency', 'load', 'lock', 'orders', 'rate-limit', 'replicas', 'retries', 'shared-rate-limit']);

export function renderCatalog(entries: readonly StepEntry[]): string {
  const lines = [
    '# Step catalog',
    '',
    '<!-- Generated from steps/*.steps.ts by `npm run docs`; a test fails when this file is stale. -->',
    '',
    'Every step a feature can use, grouped by the file that defines it, each written as the cucumber',
    'expression that matches it. In Gherkin, `And` and `But` continue the previous keyword. `(s)` marks an',
    'optional part, `a/b` alternatives, and `\\/` a plain slash.',
    '',
    '## Parameter types',
    '',
    '| type | examples | meaning |',
    '| --- | --- | --- |',
    ...parameterTypes.map(([type, examples, meaning]) => `| \`${type}\` | ${examples} | ${meaning} |`),
  ];
  const files = [...new Set(entries.map((entry) => entry.file))];
  const groupOf = (file: string) => file.replace(/^steps\//, '').replace(/\.steps\.ts$/, '');
  const sections: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    ['Generic steps', 'They work for any service a configuration describes.', files.filter((file) => !referenceGroups.has(groupOf(file)))],
    [
      'Reference-system steps',
      "They speak the order contract of the reference service (orders, charges, the payment breaker). Where a generic step does the same, they are that step in the contract's words: the `gateway` steps are the `upstream` steps on `POST /charges` of the `payment-gateway` upstream.",
      files.filter((file) => referenceGroups.has(groupOf(file))),
    ],
  ];
  for (const [title, intro, sectionFiles] of sections) {
    lines.push('', `# ${title}`, '', intro);
    for (const file of sectionFiles) {
      const group = groupOf(file);
      const need = needs[group];
      if (need === undefined) throw new Error(`${file}: say in src/docs/step-catalog.ts (needs) what its steps need from the configuration`);
      lines.push('', `## ${group}`, '', `*Needs:* ${need}`, '');
      // Verbatim in a code span: each line is the cucumber expression that runs (\/ included).
      for (const entry of entries.filter((candidate) => candidate.file === file)) lines.push(`- **${entry.keyword}** \`${entry.expression}\``);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const stepCatalogPath = join(projectRoot, 'docs', 'steps.md');
