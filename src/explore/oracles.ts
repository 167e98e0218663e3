// The contract's invariants as named checks over one run (DESIGN.md §9). Each is a pure function
// of what the run showed; a user picks them by name (--oracles, or all by default).
import { checkHistory } from '../dr/history-checker.js';
import { FaultlineError } from '../errors.js';
import { checkBound } from '../units/tolerance.js';
import { outcomeWord, stepOfEntry, type RunObservation, type StepOutcome } from './run-observation.js';
import { historyOf } from './write-history.js';
import { describeIntegrity, integrityHolds } from '../saga/integrity-checker.js';
import { describeEventCheck, eventsHold } from '../events/event-checker.js';

export interface OracleContext {
  /** Statuses the contract documents for the workload's requests. */
  readonly statuses: readonly number[];
  /** The deadline an answer must come within (the upper tolerance of DESIGN.md §6 is added). */
  readonly deadlineMs: number;
  /** (upstream, route) pairs each request reached in the fault-free run: what "done" means for it. */
  readonly baselineRoutes: ReadonlyMap<number, ReadonlySet<string>>;
}

export interface OracleVerdict {
  readonly oracle: OracleName;
  readonly ok: boolean;
  readonly detail: string;
}

interface Oracle {
  readonly meaning: string;
  check(run: RunObservation, context: OracleContext): string[];
}

const answered = (step: StepOutcome): string => `request ${step.step + 1} -> ${outcomeWord(step)} in ${step.durationMs.toFixed(0)} ms`;

export const oracles = {
  'documented-statuses': {
    meaning: 'every request gets an answer with a status the contract documents',
    check: (run, context) => run.steps.filter((step) => step.status === undefined || !context.statuses.includes(step.status)).map((step) => `undocumented: ${answered(step)}`),
  },
  'problem-json': {
    meaning: 'every error answer (4xx, 5xx) is application/problem+json',
    check: (run) =>
      run.steps.filter((step) => step.status !== undefined && step.status >= 400 && !(step.contentType ?? '').startsWith('application/problem+json')).map((step) => `not problem+json (${step.contentType ?? 'no content type'}): ${answered(step)}`),
  },
  deadline: {
    meaning: 'no answer later than the deadline plus its tolerance (max(50 ms, 10 %))',
    check: (run, context) =>
      run.steps.filter((step) => step.status === undefined || !checkBound(step.durationMs, { label: 'answer', maxMs: context.deadlineMs }).ok).map((step) => `past the ${context.deadlineMs} ms deadline: ${answered(step)}`),
  },
  'one-side-effect': {
    meaning: 'at most one side effect per request at each upstream route: 2xx answers under more than one idempotency key (or without one) for the same request are a duplicate',
    check: (run) => {
      const problems: string[] = [];
      for (const { upstream, requests } of run.journals) {
        const keysByStepRoute = new Map<string, Array<string | null>>();
        for (const entry of requests) {
          if (entry.status === null || entry.status < 200 || entry.status > 299) continue;
          const step = stepOfEntry(entry, run.steps, upstream);
          if (step < 0) continue;
          const key = `${step}\u0000${entry.route}`;
          keysByStepRoute.set(key, [...(keysByStepRoute.get(key) ?? []), entry.idempotencyKey]);
        }
        for (const [key, keys] of keysByStepRoute) {
          const effects = new Set(keys.filter((k) => k !== null)).size + keys.filter((k) => k === null).length;
          if (effects > 1) {
            const [step, route] = key.split('\u0000') as [string, string];
            problems.push(`request ${Number(step) + 1} caused ${effects} side effects at ${upstream} ${route} (idempotency keys ${keys.map((k) => k ?? 'none').join(', ')})`);
          }
        }
      }
      return problems;
    },
  },
  'acknowledged-done': {
    meaning: 'a request answered 2xx got a 2xx at every upstream route it reached in the fault-free run (no success acknowledged without its side effect)',
    check: (run, context) => {
      const problems: string[] = [];
      for (const step of run.steps) {
        if (step.status === undefined || step.status < 200 || step.status > 299) continue;
        for (const needed of context.baselineRoutes.get(step.step) ?? []) {
          const done = run.journals.some(({ upstream, requests }) =>
            requests.some((entry) => `${upstream} ${entry.route}` === needed && entry.status !== null && entry.status >= 200 && entry.status <= 299 && stepOfEntry(entry, run.steps, upstream) === step.step),
          );
          if (!done) problems.push(`${answered(step)}, but ${needed} never answered it with 2xx`);
        }
      }
      return problems;
    },
  },
  'acknowledged-readable': {
    meaning: 'every 2xx answer with a Location can be read back through the service (2xx) once the faults are removed (what a caller sees; the history oracle checks the table itself)',
    check: (run) =>
      (run.readBack ?? []).filter((read) => read.status === undefined || read.status < 200 || read.status > 299).map((read) => `request ${read.step + 1} was acknowledged at ${read.location}, which answers ${read.status ?? read.error}`),
  },
  history: {
    meaning:
      "the DR history checker over the run's writes (one per request, under its idempotency key, ok / fail / unknown as the caller saw it) against the orders table read from the database after the run: none lost (acknowledged, absent), duplicated (stored twice or under another id than acknowledged), unexpected or failed-but-present",
    check: (run) => {
      if (run.stored === undefined) return ['the orders table was not read after the run'];
      if ('error' in run.stored) return [`the orders table could not be read after the run: ${run.stored.error}`];
      const history = historyOf(run.steps);
      const verdict = checkHistory(history, run.stored.rows);
      const request = (key: string) => {
        const step = run.steps.find((candidate) => candidate.key === key);
        return step === undefined ? `key ${key}` : `request ${step.step + 1} (${outcomeWord(step)}, key ${key})`;
      };
      return [
        ...verdict.lost.map((entry) => `lost: ${request(entry.key)} was acknowledged${entry.orderId ? ` as ${entry.orderId}` : ''} but is not in the orders table`),
        ...verdict.duplicated.map((key) => `duplicated: ${request(key)} is stored as ${run.stored && 'rows' in run.stored ? run.stored.rows.filter((row) => row.key === key).map((row) => row.id).join(', ') : '?'}`),
        ...verdict.unexpected.map((key) => `unexpected: ${key} is stored but no request of the run carried it`),
        ...verdict.failedButPresent.map((entry) => `failed but present: ${request(entry.key)} was answered as a definite failure, yet it is stored`),
      ];
    },
  },
  integrity: {
    meaning: "the saga's integrity checker after the run (stacks with the inventory upstream: @saga): every charge belongs to a stored order or was refunded, every live reservation to a stored order, no stored order lacks its charge or reservation, nothing compensated twice",
    check: (run) => {
      if (run.integrity === undefined) return ['the integrity checker did not run after the run'];
      if ('error' in run.integrity) return [`the integrity checker could not read the journals and orders: ${run.integrity.error}`];
      const { report, settled } = run.integrity;
      return [...(integrityHolds(report) ? [] : [describeIntegrity(report)]), ...(settled ? [] : ['compensations were still in progress when the check gave up'])];
    },
  },
  events: {
    meaning: 'the events checker after the run (stacks with the broker and the fulfilment worker: @events): once nothing is in flight, every acknowledged order was shipped exactly once or dead-lettered, and no shipment belongs to an order that does not exist',
    check: (run) => {
      if (run.events === undefined) return ['the events checker did not run after the run'];
      if ('error' in run.events) return [`the events checker could not read the orders, the shipping journal or the streams: ${run.events.error}`];
      const { report, settled } = run.events;
      return [...(eventsHold(report) ? [] : [describeEventCheck(report)]), ...(settled ? [] : ['events were still in flight when the check gave up'])];
    },
  },
  scenario: {
    meaning: "the scenario's own steps all pass (its Then steps are its checks; a Given or When that fails under the faults fails it too): `faultline explore <feature>:<line>` only",
    check: (run) => {
      if (run.scenario === undefined) return ['no scenario ran: the scenario oracle judges `faultline explore <feature>:<line>`'];
      return run.scenario.passed ? [] : [`${run.scenario.outcome}: ${run.scenario.detail}`];
    },
  },
  'ready-again': {
    meaning: 'the service is alive and ready again once the faults are removed',
    check: (run) => (run.readyAgain ? [] : [`not ready again: ${run.readyDetail}`]),
  },
} satisfies Record<string, Oracle>;

export type OracleName = keyof typeof oracles;
export const oracleNames = Object.keys(oracles) as OracleName[];

/** "deadline,problem-json" into oracle names; every one when empty. */
export function parseOracleNames(text: string | undefined): OracleName[] {
  if (text === undefined || text.trim() === '') return [...oracleNames];
  return text.split(',').map((name) => {
    const trimmed = name.trim();
    if (!(oracleNames as string[]).includes(trimmed)) {
      throw new FaultlineError('FL_BAD_FAULT_SET', `"${trimmed}" is not an oracle of the explorer; oracles: ${oracleNames.join(', ')}`);
    }
    return trimmed as OracleName;
  });
}

/**
 * The oracles a run is judged by: the chosen ones, or every one that applies to the stack. The
 * history oracle reads the orders table, so it applies only to a stack with the database; naming
 * it for a stack without one is an error, said before any run.
 */
export function applicableOracles(chosen: readonly OracleName[] | undefined, stack: { readonly hasHistoryDatabase: boolean; readonly database: string; readonly scenario?: boolean; readonly hasSaga?: boolean; readonly hasEvents?: boolean }): OracleName[] {
  // A scenario's requests are its own: the invariants read from the explorer's requests do not apply to them.
  const forScenario: OracleName[] = ['scenario', 'ready-again'];
  if (stack.scenario) {
    const chosenOthers = (chosen ?? []).filter((name) => !forScenario.includes(name));
    if (chosenOthers.length > 0) throw new FaultlineError('FL_BAD_INPUT', `exploring a scenario judges its runs by ${forScenario.join(' and ')}; ${chosenOthers.join(', ')} read the explorer's own requests (explore a configuration's request for them)`);
    return chosen === undefined ? forScenario : [...chosen];
  }
  if (chosen?.includes('scenario')) throw new FaultlineError('FL_BAD_INPUT', 'the scenario oracle judges `faultline explore <feature>:<line>` runs; name a scenario to use it');
  if (chosen === undefined) return oracleNames.filter((name) => name !== 'scenario' && (name !== 'history' || stack.hasHistoryDatabase) && (name !== 'integrity' || stack.hasSaga === true) && (name !== 'events' || stack.hasEvents === true));
  if (chosen.includes('events') && stack.hasEvents !== true) {
    throw new FaultlineError('FL_MISSING_CAPABILITY', 'the events oracle reads the broker and the shipping journal of the events stack, which this stack does not have; explore on it (tag the scenario @events) or leave "events" out');
  }
  if (chosen.includes('integrity') && stack.hasSaga !== true) {
    throw new FaultlineError('FL_MISSING_CAPABILITY', 'the integrity oracle reads the saga\'s journals (an "inventory" scriptable upstream next to the payment gateway), which this stack does not have; explore on the cache and saga stack (tag the scenario @saga) or leave "integrity" out');
  }
  if (chosen.includes('history') && !stack.hasHistoryDatabase) {
    throw new FaultlineError('FL_MISSING_CAPABILITY', `the history oracle reads the orders table of a PostgreSQL dependency named "${stack.database}", which this configuration does not have; leave "history" out of the oracles`);
  }
  return [...chosen];
}

export function judge(run: RunObservation, context: OracleContext, chosen: readonly OracleName[]): OracleVerdict[] {
  return chosen.map((oracle) => {
    const problems = oracles[oracle].check(run, context);
    return { oracle, ok: problems.length === 0, detail: problems.length === 0 ? 'held' : problems.join('; ') };
  });
}

/** Which (upstream route) each request reached in the fault-free run. */
export function baselineRoutesOf(run: RunObservation): Map<number, Set<string>> {
  const routes = new Map<number, Set<string>>();
  for (const { upstream, requests } of run.journals) {
    for (const entry of requests) {
      const step = stepOfEntry(entry, run.steps, upstream);
      if (step < 0) continue;
      routes.set(step, (routes.get(step) ?? new Set()).add(`${upstream} ${entry.route}`));
    }
  }
  return routes;
}
