// Cucumber profiles. The tsx register file comes first in `import`, so every TypeScript support
// and step file after it loads through tsx, in --parallel workers too.

// Every report of a run goes to one directory: FAULTLINE_REPORTS_DIR, else reports/. Cucumber's
// own outputs too, so that a run pointed elsewhere never overwrites the reference run's files.
const reportsDir = (process.env.FAULTLINE_REPORTS_DIR || 'reports').replace(/\/+$/, '');
const reportOutputs = [
  ['html', `${reportsDir}/cucumber.html`],
  ['junit', `${reportsDir}/junit.xml`],
  ['message', `${reportsDir}/messages.ndjson`],
  ['./src/report/resilience-formatter.mjs', `${reportsDir}/resilience-report.json`],
];
// One line per scenario as it ends, then the totals, the report's path and the resilience score.
const progress = './src/progress/progress-formatter.mjs';

const common = {
  import: ['steps/support/register-tsx.mjs', 'steps/support/**/*.ts', 'steps/**/*.steps.ts'],
  // No `paths`: cucumber-js then runs features/**/*.feature by default, and paths given on the
  // command line replace that default instead of adding to it (a profile's paths would be added).
  format: [progress, ...reportOutputs],
  formatOptions: { snippetInterface: 'async-await' },
};

// The mutation feature reads the results of `npm run test:mutants`; plain runs leave it out.
export default { ...common, tags: 'not @mutation-results' };

// CI: undefined or pending steps fail the run, and nothing is retried.
export const ci = { ...common, strict: true, retry: 0 };

// The tip jar, a second service, through its own configuration (npm run test:tip-jar sets
// FAULTLINE_CONFIG=fixtures/tip-jar/faultline.config.ts and FAULTLINE_REPORTS_DIR=reports/tip-jar).
const tipJar = { ...common, paths: ['fixtures/tip-jar/features/**/*.feature'] };
export const tipJarCi = {
  ...tipJar,
  strict: true,
  retry: 0,
};
export const tipJarMutant = { ...tipJar, format: ['summary'], strict: true, retry: 0 };

// Attach mode (npm run test:attach): the features run against the compose stack that is already up.
// Disaster recovery, the order events, the cache and the saga, the replicas, the deployments and the distributed lock start stacks of their own and the mutation
// results belong to the main run; so do the bearer-token scenarios (auth, and the rate limit's bound on token subjects: the service's own checks, which attaching changes nothing in,
// and each needs the service restarted with the run's token key); load
// and fuzzing are left to the main run too (minutes of traffic that attaching changes nothing in),
// and so are the retry scenarios (eleven checks of the service's own policy, which attaching changes
// nothing in), packet faults, the explorer and the process faults (a minute and more together; their
// sidecars, pauses and restarts work the same on a compose stack). The CPU, clock and DNS faults do
// run attached: they act on containers the run does not own, which is what the restore journal is for.
// All of them pass attached: FAULTLINE_ATTACH=faultline npx cucumber-js --profile attach --tags 'not @dr and not @events and not @cache and not @saga'.
// scripts/attach-run.sh sets FAULTLINE_REPORTS_DIR=reports/attach.
export const attach = {
  ...common,
  tags: 'not @mutation-results and not @dr and not @events and not @cache and not @saga and not @retries and not @breaker and not @load and not @fuzz and not @packet and not @explore and not @process-faults and not @auth and not @rate-limit-memory and not @replicas and not @deployments and not @shared-rate-limit and not @lock',
  strict: true,
  retry: 0,
};

// One mutant run (src/mutants/run-mutants.ts adds --tags and its own message output): failures
// are expected there, so only a summary is printed.
export const mutant = { ...common, format: ['summary'], strict: true, retry: 0 };
