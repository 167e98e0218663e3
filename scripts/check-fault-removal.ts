// Shows that every fault is removed after a scenario, pass or fail: scripts/fault-removal/fault-removal.feature
// passes one scenario with container faults active, then injects toxics on three links, takes one
// link down, scripts the payment gateway to fail and adds container faults, and fails on purpose.
// The scenario after each, on the same stack, must find no fault and get a 201.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mutantRunVerdict } from '../src/mutants/mutant-verdicts.js';
import { projectRoot } from '../src/project-root.js';

const feature = 'scripts/fault-removal/fault-removal.feature';
const failing = `${feature} › A step throws while faults are active on three links and the payment gateway (at "Then every order succeeded")`;
const clean = `${feature} › The next scenario starts clean`;
const cleanAfterPass = `${feature} › The scenario after a passing one starts clean`;

const dir = join(projectRoot, 'reports', 'fault-removal');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const messages = join(dir, 'messages.ndjson');
const cli = join(projectRoot, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
const started = performance.now();
const log = join(dir, 'cucumber.log');
const code = await new Promise<number | null>((resolve, reject) => {
  const output = createWriteStream(log);
  const child = spawn(process.execPath, [cli, '--profile', 'mutant', '--order', 'defined', '--format', `message:${messages}`, feature], {
    cwd: projectRoot,
    env: { ...process.env, FAULTLINE_REPORTS_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.pipe(output);
  child.on('error', reject);
  child.on('exit', resolve);
});
const verdict = mutantRunVerdict(readFileSync(messages, 'utf8'));
const problems = [
  ...(verdict.scenarios === 4 ? [] : [`expected 4 scenarios, found ${verdict.scenarios}`]),
  ...(verdict.passed.includes(cleanAfterPass) ? [] : [`the scenario after a passing one did not pass: a fault was left behind (its error is in ${log})`]),
  ...(verdict.killedBy.includes(failing) ? [] : [`the first scenario must fail at its last step, with its faults in place; failures: ${[...verdict.killedBy, ...verdict.brokenScenarios].join('; ') || 'none'}`]),
  ...(verdict.brokenScenarios.length === 0 ? [] : [`failed outside a Then step: ${verdict.brokenScenarios.join('; ')}`]),
  ...(verdict.passed.includes(clean) ? [] : [`the scenario after the failure did not pass: a fault was left behind (its error is in ${log})`]),
];
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(`fault removal: FAILED after ${seconds} s (cucumber exit ${code})\n  ${problems.join('\n  ')}`);
  process.exitCode = 1;
} else {
  console.log(`fault removal: the failing scenario left no fault for the next one (${seconds} s)`);
}
