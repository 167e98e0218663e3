// npm test: the phases of src/load/test-phases.ts in order, stopping at the first failure with its
// exit code, then reports/test-phases.json and .md (each phase's wall time; each feature file's time
// in the ci run, from its messages.ndjson), printed at the end whether the run passed or not.
// FAULTLINE_TEST_PHASES=typecheck,unit runs a subset, in npm test's order.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureTimesFromFile } from '../src/load/feature-times.js';
import { phasesMarkdown, runPhases, selectPhases, testPhases, type PhaseTime } from '../src/load/test-phases.js';

const reportsDir = (process.env.FAULTLINE_REPORTS_DIR || 'reports').replace(/\/+$/, '');
const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const phases = (() => {
  try {
    return selectPhases(testPhases(scripts), process.env.FAULTLINE_TEST_PHASES);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
})();
const startedAt = new Date().toISOString();

function write(times: readonly PhaseTime[], exitCode: number | undefined): string {
  // Feature times only once the features phase ran: an older messages.ndjson belongs to another run.
  const features = times.some((phase) => phase.name === 'features') ? featureTimesFromFile(join(reportsDir, 'messages.ndjson')) : undefined;
  const markdown = phasesMarkdown(times, phases, features, exitCode);
  mkdirSync(reportsDir, { recursive: true });
  writeFileSync(
    join(reportsDir, 'test-phases.json'),
    `${JSON.stringify({ startedAt, exitCode: exitCode ?? null, planned: phases.map((phase) => phase.name), phases: times, featureRun: features ?? null }, null, 2)}\n`,
  );
  writeFileSync(join(reportsDir, 'test-phases.md'), markdown);
  return markdown;
}

const { times, exitCode } = await runPhases(phases, undefined, (sofar) => write(sofar, undefined));
console.log(`\n${write(times, exitCode)}`);
process.exitCode = exitCode;
