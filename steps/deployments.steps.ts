import { Then, When, type DataTable } from '@cucumber/cucumber';
import { FaultlineError } from '../src/errors.js';
import { activeMutant } from '../src/mutants/mutant-catalog.js';
import { blueGreen, type BlueGreenResult } from '../src/replicas/blue-green.js';
import { canaryRollout, type CanaryResult } from '../src/replicas/canary-rollout.js';
import { parseCanarySteps, parseCanaryThreshold } from '../src/replicas/canary-thresholds.js';
import { canaryServer, greenServers } from '../src/replicas/haproxy-config.js';
import { expectAnsweredBy, loadWhile, ordersWhile } from '../src/replicas/replica-load.js';
import { replicaEnvironments, replicaSetOf, scenarioLoads } from '../src/replicas/replica-set.js';
import { ResponseLog } from '../src/replicas/response-log.js';
import { rollingRestart } from '../src/replicas/rolling-restart.js';
import { checkBound } from '../src/units/tolerance.js';
import type { FaultlineWorld } from './support/world.js';

const logs = new WeakMap<FaultlineWorld, ResponseLog>();

function deployment<T>(world: FaultlineWorld): T {
  const outcome = scenarioLoads.get(world)?.outcome;
  if (outcome === undefined) throw new FaultlineError('FL_MISSING_STEP', 'no deployment ran in this scenario');
  return outcome as T;
}

When('every replica is restarted one at a time while orders are placed at {int} per second', async function (this: FaultlineWorld, perSecond: number) {
  const set = replicaSetOf(this.stack);
  const load = await loadWhile(set, { baseUrl: this.serviceUrl, apiKey: this.apiKey, perSecond, reads: false }, { during: () => rollingRestart(set, this.faults, { drainBoundMs: 5_000, upBoundMs: 10_000 }) });
  scenarioLoads.set(this, load);
  this.setSample('orders', load.writes);
  this.evidence.notes.rollingRestart = load.outcome;
});

When('a green set with {word} {string} takes all the traffic at once while orders are placed at {int} per second', async function (this: FaultlineWorld, variable: string, value: string, perSecond: number) {
  const set = replicaSetOf(this.stack);
  const log = new ResponseLog();
  logs.set(this, log);
  const load = await ordersWhile(set, { baseUrl: this.serviceUrl, apiKey: this.apiKey, perSecond }, log, () => blueGreen(set, { [variable]: value }, { upBoundMs: 10_000, afterSwitchMs: 2_000 }));
  scenarioLoads.set(this, load);
  this.setSample('orders', load.writes);
  this.evidence.notes.blueGreen = load.outcome;
});

When(
  'a canary with {word} {string} is rolled out at {string} of the traffic, {duration} a step, while orders are placed at {int} per second, each step checked against:',
  async function (this: FaultlineWorld, variable: string, value: string, stepsText: string, stepMs: number, perSecond: number, table: DataTable) {
    const thresholds = table.raw().map((row) => parseCanaryThreshold(row.join(': ')));
    const steps = parseCanarySteps(stepsText);
    const checked = replicaEnvironments(activeMutant(), this.stack.config.service.name).deployment.CANARY_CHECKS !== 'off';
    const set = replicaSetOf(this.stack);
    const log = new ResponseLog();
    logs.set(this, log);
    const load = await ordersWhile(set, { baseUrl: this.serviceUrl, apiKey: this.apiKey, perSecond }, log, () => canaryRollout(set, log, { environment: { [variable]: value }, steps, stepMs, thresholds, checked, upBoundMs: 10_000 }));
    scenarioLoads.set(this, load);
    this.setSample('orders', load.writes);
    this.evidence.notes.canary = { ...load.outcome, canaryAnswered: log.answeredBy(canaryServer).length };
  },
);

Then('every order after the switch was answered by the green set', function (this: FaultlineWorld) {
  const { switchedAt } = deployment<BlueGreenResult>(this);
  this.expect(expectAnsweredBy(logs.get(this)!, greenServers.slice(0, replicaSetOf(this.stack).replicas.length), switchedAt));
});

Then('the canary was rolled back to 0% of the traffic', function (this: FaultlineWorld) {
  const result = deployment<CanaryResult>(this);
  // A request sent after the balancer confirmed the rollback must not reach the canary.
  const afterRollback = result.rolledBackAt === undefined ? [] : logs.get(this)!.answeredBy(canaryServer, result.rolledBackAt);
  this.expect({
    label: 'canary share after the rollout',
    measured: result.finalPercent,
    unit: '%',
    bound: '0 (rolled back)',
    ok: result.rolledBack && result.finalPercent === 0 && afterRollback.length === 0,
    detail: `steps: ${result.steps.map((step) => `${step.percent}% ${step.ok ? 'passed' : 'failed'} (${step.canaryRequests} canary requests; ${step.results.map((r) => `${r.source} measured ${Number(r.measured.toFixed(3))}`).join(', ')})`).join('; ')}${result.checked ? '' : '; the steps were not checked'}; ${afterRollback.length} orders sent after the rollback reached the canary`,
  });
});

Then('the bad version was exposed for at most {duration} from its first failed answer', function (this: FaultlineWorld, maxMs: number) {
  const result = deployment<CanaryResult>(this);
  const firstFailure = logs.get(this)!.answeredBy(canaryServer).filter((entry) => entry.status === undefined || entry.status >= 400).sort((a, b) => a.at - b.at)[0];
  const measured = result.rolledBackAt === undefined || firstFailure === undefined ? Number.NaN : result.rolledBackAt - firstFailure.at;
  const check = checkBound(measured, { label: 'exposure', maxMs });
  this.expect({ label: 'bad version exposed (first failed canary answer to rollback)', measured, unit: 'ms', bound: `<= ${maxMs} ms`, ok: result.rolledBack && check.ok, detail: result.rolledBack ? `from the first failed order the canary answered to the balancer confirming the rollback: ${measured} ms` : 'the canary was never rolled back' });
});

Then('the canary answered at most {int} orders', function (this: FaultlineWorld, max: number) {
  const answered = logs.get(this)?.answeredBy(canaryServer).length ?? 0;
  this.expect({ label: 'orders the canary answered', measured: answered, unit: 'requests', bound: `<= ${max}`, ok: answered <= max, detail: `the canary answered ${answered} orders` });
});

Then('the rollback took at most {duration}', function (this: FaultlineWorld, maxMs: number) {
  const result = deployment<CanaryResult>(this);
  const measured = result.rollbackMs ?? Number.NaN;
  const check = checkBound(measured, { label: 'rollback', maxMs });
  this.expect({ label: 'canary rollback time', measured, unit: 'ms', bound: `<= ${maxMs} ms`, ok: result.rolledBack && check.ok, detail: result.rolledBack ? `from the failed check to the balancer confirming weight 0: ${measured} ms` : 'the canary was never rolled back' });
});
