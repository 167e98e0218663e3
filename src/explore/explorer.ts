// The fault-space explorer (DESIGN.md §9): a fault-free run of the workload learns the dependency
// interactions, then every single fault of the alphabet runs at every interaction, then pairs
// along the interactions still reached, within a budget of runs and seconds. Every run is judged
// by the chosen oracles; each failure is minimised into a counterexample with a replay command.
// Runs share the stack: after each one the faults and upstreams are reset, and the service is
// restarted only when it is no longer ready or at rest.
import { randomBytes } from 'node:crypto';
import { FaultLedger } from '../faults/fault-ledger.js';
import { resetLinkFaults } from '../faults/link-faults.js';
import { eventually } from '../units/eventually.js';
import { probe, resetProbeConnections } from '../probes/http-probe.js';
import { isPristine } from '../probes/pristine.js';
import { warmUp } from '../probes/readiness.js';
import { sendRequest } from '../probes/service-requests.js';
import type { Stack } from '../stack/stack.js';
import { counterexampleIdentity, type Counterexample, replayCommand } from './counterexample.js';
import { faultSetId, faultSpecId, whenSteps, type FaultSpec } from './fault-spec.js';
import { faultOf } from './explore-faults.js';
import { fullAlphabet, planPairs, runSignature, singleFaults, type Alphabet, type SingleRun } from './exploration-plan.js';
import { interactionId, learnInteractions, upstreamLinks, type Interaction } from './interaction.js';
import { connectionId, establishedPorts, learnConnections, readSockets, type LinkConnection, type Socket } from './link-connections.js';
import { minimiseFaultSet } from './minimise.js';
import { applicableOracles, baselineRoutesOf, judge, type OracleContext, type OracleName, type OracleVerdict } from './oracles.js';
import { outcomeWord, type ReadBack, type RunObservation, type ScenarioVerdict, type StepOutcome, type UpstreamJournal } from './run-observation.js';
import { hasHistoryDatabase, historyDatabase, storedRowsOf } from './write-history.js';
import { settleIntegrity } from '../saga/integrity-observation.js';
import { sagaNames } from '../saga/saga-config.js';
import { EventObserver } from '../events/event-observation.js';
import { eventsNames } from '../events/events-config.js';

export interface ExploreOptions {
  /** Requests of the configured request (service.request), one after another. */
  readonly requests: number;
  readonly budgetRuns: number;
  readonly budgetMs: number;
  readonly statuses: readonly number[];
  readonly deadlineMs: number;
  /** Absent: every oracle that applies to the stack. */
  readonly oracles?: readonly OracleName[];
  readonly seed: number;
  /** http:slow's delay and tcp:latency's latency: past the service's attempt timeout. */
  readonly slowMs: number;
  readonly alphabet?: Alphabet;
  /** false: singles only. */
  readonly pairs?: boolean;
  /** Like fast-check: stop at the first run that breaks an invariant, then shrink it (default true). */
  readonly stopAtFirstFailure?: boolean;
  /** For replay commands: the configuration's path as the user gives it, and the mutant, if one runs. */
  readonly replay: { readonly config: string; readonly mutant?: string };
  readonly log?: (line: string) => void;
}

/** A scenario as the workload (`faultline explore <feature>:<line>`): run once per fault set, judged by its own steps. */
export interface ScenarioWorkload {
  readonly location: string;
  run(faults: readonly FaultSpec[]): Promise<{ readonly verdict: ScenarioVerdict; readonly journals: readonly UpstreamJournal[] }>;
}

export interface ExploredRun {
  readonly index: number;
  readonly faults: readonly string[];
  readonly outcomes: readonly string[];
  /** Oracles this run broke. */
  readonly broken: readonly OracleName[];
  readonly durationMs: number;
  readonly restarted: boolean;
}

export interface ExplorationStats {
  readonly interactions: number;
  readonly singles: number;
  readonly pairsWithoutPruning: number;
  readonly pairsPruned: number;
  readonly pairsPlanned: number;
  readonly runs: number;
  readonly minimisationRuns: number;
  /** Runs that pruning saved (pairs skipped), against all runs without it. */
  readonly pruningRatio: number;
  readonly stoppedBy: 'runs' | 'seconds' | 'first counterexample' | null;
  readonly durationMs: number;
  readonly meanRunMs: number;
  readonly runsPerMinute: number;
  readonly restarts: number;
}

export interface ExplorationResult {
  readonly workload: string;
  readonly interactions: readonly string[];
  /** The links' connections the fault-free run opened, learned from the service's socket table. */
  readonly connections: readonly string[];
  readonly baseline: readonly string[];
  readonly oracles: readonly OracleName[];
  readonly runs: readonly ExploredRun[];
  readonly counterexamples: readonly Counterexample[];
  readonly stats: ExplorationStats;
}

interface JudgedRun {
  readonly observation: RunObservation;
  readonly verdicts: readonly OracleVerdict[];
  readonly reached: readonly Interaction[];
  readonly restarted: boolean;
  readonly durationMs: number;
}

export class Explorer {
  private readonly cache = new Map<string, JudgedRun>();
  private readonly nonce = randomBytes(4).toString('hex');
  private context: OracleContext | undefined;
  private connections: LinkConnection[] = [];
  private runCount = 0;
  private events: EventObserver | undefined;
  private restarts = 0;
  private readonly linkOf: (upstream: string) => string | undefined;
  readonly oracles: readonly OracleName[];

  constructor(
    private readonly stack: Stack,
    private readonly options: ExploreOptions,
    private readonly scenario?: ScenarioWorkload,
  ) {
    this.linkOf = upstreamLinks(stack.config.links);
    this.oracles = applicableOracles(options.oracles, { hasHistoryDatabase: hasHistoryDatabase(stack), database: historyDatabase, scenario: scenario !== undefined, hasSaga: stack.upstreamNames.includes(sagaNames.inventory), hasEvents: stack.upstreamNames.includes(eventsNames.shipping) });
  }

  /** What the caller saw: one word per request, or the scenario's verdict. */
  private outcomesOf(observation: RunObservation): string[] {
    return observation.scenario ? [observation.scenario.outcome] : observation.steps.map(outcomeWord);
  }

  /**
   * The single faults: in a scenario, HTTP faults at every interaction and container faults while
   * its When steps run (a scenario has no workload requests to place TCP faults in).
   */
  private singlesOf(interactions: readonly Interaction[], alphabet: Alphabet, connections: readonly LinkConnection[]): FaultSpec[][] {
    if (!this.scenario) return singleFaults(interactions, alphabet, connections);
    const upstreams = [...new Set(interactions.map((interaction) => interaction.upstream))];
    return [
      ...singleFaults(interactions, { http: alphabet.http, tcp: [] }),
      ...upstreams.flatMap((upstream) => (alphabet.container ?? []).map((kind): FaultSpec[] => [{ layer: 'container', kind, upstream, step: whenSteps }])),
    ];
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  /** The baseline: learns the interactions and what each request reached. */
  async baseline(): Promise<{ run: JudgedRun; interactions: Interaction[]; connections: LinkConnection[] }> {
    const snapshots: Socket[][] = [];
    const observation = await this.runWorkload([], snapshots);
    const links = [...new Set(this.stack.upstreamNames.map(this.linkOf).filter((link): link is string => link !== undefined))];
    this.connections = learnConnections(snapshots, links.map((name) => ({ name, listenPort: this.stack.topology.link(name).listenPort })));
    this.context = { statuses: this.options.statuses, deadlineMs: this.options.deadlineMs, baselineRoutes: baselineRoutesOf(observation.observation) };
    const run = this.judged(observation);
    this.cache.set('', run);
    return { run, interactions: [...run.reached], connections: this.connections };
  }

  /** One judged run under a fault set (cached by the set: a set is run once). */
  async run(faults: readonly FaultSpec[]): Promise<JudgedRun> {
    const id = faultSetId(faults);
    const cached = this.cache.get(id);
    if (cached) return cached;
    const run = this.judged(await this.runWorkload(faults));
    this.cache.set(id, run);
    return run;
  }

  async explore(): Promise<ExplorationResult> {
    const started = performance.now();
    const deadline = started + this.options.budgetMs;
    const alphabet = this.options.alphabet ?? fullAlphabet;
    const { run: base, interactions, connections } = await this.baseline();
    this.log(`baseline: ${this.outcomesOf(base.observation).join(', ')}; ${interactions.length} interactions: ${interactions.map(interactionId).join(', ')}; connections: ${connections.map(connectionId).join(', ') || 'none seen'}`);
    const runs: ExploredRun[] = [];
    const failing: Array<{ faults: readonly FaultSpec[]; run: JudgedRun }> = [];
    if (base.verdicts.some((verdict) => !verdict.ok)) failing.push({ faults: [], run: base });
    let stoppedBy: ExplorationStats['stoppedBy'] = null;
    const budgetLeft = (): boolean => {
      if (this.options.stopAtFirstFailure !== false && failing.length > 0) stoppedBy = 'first counterexample';
      else if (runs.length >= this.options.budgetRuns) stoppedBy = 'runs';
      else if (performance.now() >= deadline) stoppedBy = 'seconds';
      return stoppedBy === null;
    };
    const execute = async (faults: readonly FaultSpec[]): Promise<JudgedRun> => {
      const run = await this.run(faults);
      const broken = run.verdicts.filter((verdict) => !verdict.ok).map((verdict) => verdict.oracle);
      runs.push({ index: runs.length + 1, faults: faults.map(faultSpecId), outcomes: this.outcomesOf(run.observation), broken, durationMs: Math.round(run.durationMs), restarted: run.restarted });
      this.log(`run ${runs.length}: ${faults.map(faultSpecId).join(' + ')} -> ${this.outcomesOf(run.observation).join(', ')}${broken.length ? `  BROKE ${broken.join(', ')}` : ''} (${Math.round(run.durationMs)} ms${run.restarted ? ', service restarted' : ''})`);
      if (broken.length > 0) failing.push({ faults, run });
      return run;
    };

    const singles = this.singlesOf(interactions, alphabet, connections);
    const singleRuns: SingleRun[] = [];
    for (const faults of singles) {
      if (!budgetLeft()) break;
      const run = await execute(faults);
      const outcome = run.observation.scenario ? ` || ${run.observation.scenario.outcome}` : '';
      singleRuns.push({ faults, reached: run.reached, signature: `${runSignature(run.observation.steps, run.reached)}${outcome}` });
    }
    const plan = this.options.pairs === false ? { pairs: [], withoutPruning: 0, pruned: 0 } : planPairs(singleRuns, alphabet);
    for (const faults of plan.pairs) {
      if (!budgetLeft()) break;
      await execute(faults);
    }
    const explorationRuns = this.runCount;

    const counterexamples = await this.counterexamples(failing);
    const durationMs = performance.now() - started;
    const runMs = runs.reduce((sum, run) => sum + run.durationMs, 0);
    const withoutPruning = singles.length + plan.withoutPruning;
    return {
      workload: this.scenario ? `the scenario ${this.scenario.location}` : `${this.options.requests} × ${this.stack.request.method} ${this.stack.request.path}`,
      interactions: interactions.map((interaction) => `${interactionId(interaction)} (${[...(interaction.step >= 0 ? [`request ${interaction.step + 1}`] : []), ...(interaction.link ? [`link ${interaction.link}`] : [])].join(', ')})`),
      connections: connections.map(connectionId),
      baseline: this.outcomesOf(base.observation),
      oracles: this.oracles,
      runs,
      counterexamples,
      stats: {
        interactions: interactions.length,
        singles: singles.length,
        pairsWithoutPruning: plan.withoutPruning,
        pairsPruned: plan.pruned,
        pairsPlanned: plan.pairs.length,
        runs: runs.length,
        minimisationRuns: this.runCount - explorationRuns,
        pruningRatio: withoutPruning === 0 ? 0 : round(plan.pruned / withoutPruning),
        stoppedBy,
        durationMs: Math.round(durationMs),
        meanRunMs: runs.length === 0 ? 0 : Math.round(runMs / runs.length),
        runsPerMinute: runs.length === 0 ? 0 : round((runs.length / durationMs) * 60_000),
        restarts: this.restarts,
      },
    };
  }

  /** Each failure minimised per broken oracle; one counterexample per (oracle, minimal set). */
  private async counterexamples(failing: ReadonlyArray<{ faults: readonly FaultSpec[]; run: JudgedRun }>): Promise<Counterexample[]> {
    const found = new Map<string, Counterexample>();
    for (const { faults, run } of failing) {
      for (const verdict of run.verdicts.filter((candidate) => !candidate.ok)) {
        const minimal = await minimiseFaultSet(faults, async (subset) => {
          if (subset.length === 0) return false;
          const tried = await this.run(subset);
          return tried.verdicts.some((candidate) => candidate.oracle === verdict.oracle && !candidate.ok);
        });
        const minimalRun = minimal.faults.length === faults.length ? run : await this.run(minimal.faults);
        const counterexample: Counterexample = {
          oracle: verdict.oracle,
          detail: minimalRun.verdicts.find((candidate) => candidate.oracle === verdict.oracle)?.detail ?? verdict.detail,
          faults: minimal.faults.map(faultSpecId),
          foundWith: faults.map(faultSpecId),
          shrinks: minimal.shrinks,
          seed: this.options.seed,
          outcomes: this.outcomesOf(minimalRun.observation),
          ...(this.scenario ? { scenario: this.scenario.location } : {}),
          replay: replayCommand({ ...this.options.replay, requests: this.options.requests, faults: minimal.faults, seed: this.options.seed, ...(this.scenario ? { scenario: this.scenario.location } : {}), ...(this.options.oracles === undefined ? {} : { oracles: this.options.oracles }), statuses: this.options.statuses, deadlineMs: this.options.deadlineMs, slowMs: this.options.slowMs }),
        };
        const identity = counterexampleIdentity(counterexample);
        const existing = found.get(identity);
        if (!existing || existing.shrinks > counterexample.shrinks) found.set(identity, counterexample);
      }
    }
    // Smallest fault sets first: they are the easiest to understand.
    return [...found.values()].sort((a, b) => a.faults.length - b.faults.length || a.oracle.localeCompare(b.oracle));
  }

  private judged(run: { observation: RunObservation; restarted: boolean; durationMs: number }): JudgedRun {
    const context = this.context!;
    return {
      ...run,
      verdicts: judge(run.observation, context, this.oracles),
      reached: [...learnInteractions(run.observation, this.linkOf), ...learnInteractions({ journals: run.observation.asyncJournals ?? [], steps: [] }, this.linkOf)],
    };
  }

  /**
   * The workload once under `faults`, then the reset that makes the next run start from the same
   * state. With `snapshots`, the service's socket table is read before the workload and after each
   * request (the baseline learns the links' connections from them).
   */
  async runWorkload(faults: readonly FaultSpec[], snapshots?: Socket[][]): Promise<{ observation: RunObservation; restarted: boolean; durationMs: number }> {
    const runIndex = this.runCount++;
    const started = performance.now();
    if (this.scenario) {
      // The scenario's own hooks place and remove the faults and reset the stack before it; what is left is ready-again.
      const { verdict, journals } = await this.scenario.run(faults);
      const ready = await this.readyAgain();
      const restarted = await this.reset(false, []);
      return { observation: { steps: [], journals, readyAgain: ready.ok, readyDetail: ready.detail, scenario: verdict }, restarted, durationMs: performance.now() - started };
    }
    const ledger = new FaultLedger();
    const timing = { slowMs: this.options.slowMs };
    const steps: StepOutcome[] = [];
    try {
      for (const spec of faults) if (spec.layer === 'http') await ledger.inject(faultOf(this.stack, spec, timing));
      if (snapshots) snapshots.push(await this.sockets());
      for (let step = 0; step < this.options.requests; step += 1) {
        const during = faults.filter((spec) => spec.layer !== 'http' && !(spec.layer === 'tcp' && spec.idle) && spec.step === step).map((spec) => faultOf(this.stack, spec, timing));
        // The marks are read outside the faults of the request: a paused upstream answers no journal read.
        const before = await this.journalMarks();
        for (const fault of during) await ledger.inject(fault);
        const outcome = await this.send(runIndex, step);
        for (const fault of during) await ledger.remove(fault);
        const after = await this.journalMarks();
        steps.push({ ...outcome, journalSpans: Object.fromEntries([...before].map(([upstream, mark]) => [upstream, { after: mark, through: after.get(upstream) ?? mark }])) });
        if (snapshots) snapshots.push(await this.sockets());
        for (const spec of faults) if (spec.layer === 'tcp' && spec.idle && spec.step === step) await this.closeIdle(ledger, spec, timing);
      }
    } finally {
      await ledger.removeAll();
    }
    const journalOf = async (upstream: string) => ({ upstream, requests: (await this.stack.upstream(upstream).journal()).requests });
    const journals = await Promise.all(this.synchronousUpstreams().map(journalOf));
    const ready = await this.readyAgain();
    const readBack = await this.readBack(steps);
    const stored = this.oracles.includes('history') ? await this.readStored(runIndex) : undefined;
    const integrity = this.oracles.includes('integrity') ? await this.checkIntegrity(steps) : undefined;
    const events = this.oracles.includes('events') ? await this.checkEvents(steps) : undefined;
    // Read after the events settled, so that the worker's calls of this run are all in them.
    const asyncJournals = await Promise.all(this.stack.upstreamNames.filter((upstream) => !this.synchronousUpstreams().includes(upstream)).map(journalOf));
    const restarted = await this.reset(faults.some((spec) => spec.layer === 'tcp'), steps);
    return {
      observation: { steps, journals, readyAgain: ready.ok, readyDetail: ready.detail, readBack, ...(stored === undefined ? {} : { stored }), ...(integrity === undefined ? {} : { integrity }), ...(events === undefined ? {} : { events }), ...(asyncJournals.length === 0 ? {} : { asyncJournals }) },
      restarted,
      durationMs: performance.now() - started,
    };
  }

  /** The events once nothing is in flight (bounded: an event still in flight after 5 s is a finding). */
  private async checkEvents(steps: readonly StepOutcome[]): Promise<NonNullable<RunObservation['events']>> {
    const acknowledged = steps.filter((step) => step.status !== undefined && step.status >= 200 && step.status < 300 && step.key !== undefined).map((step) => step.key!);
    try {
      this.events ??= new EventObserver(this.stack);
      const outcome = await this.events.settle(acknowledged, 5_000);
      return { report: outcome.settled.report, settled: outcome.settled.backlog === 0 };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  /** The upstreams the service calls while it answers; those a worker calls later (asynchronous) are left to their flow's checker (the events oracle). */
  private synchronousUpstreams(): string[] {
    const asynchronous = new Set((this.stack.config.dependencies ?? []).filter((dependency) => dependency.asynchronous === true).map((dependency) => dependency.name));
    return this.stack.upstreamNames.filter((upstream) => !asynchronous.has(upstream));
  }

  /** The last sequence number of each synchronous upstream's journal (0 when it is empty). */
  private async journalMarks(): Promise<Map<string, number>> {
    const marks = await Promise.all(this.synchronousUpstreams().map(async (upstream) => [upstream, (await this.stack.upstream(upstream).journal()).requests.at(-1)?.seq ?? 0] as const));
    return new Map(marks);
  }

  /** Closes what the explorer opened itself (the events checker's broker connection). */
  async close(): Promise<void> {
    await this.events?.close();
  }

  /** The saga's integrity once its compensations have finished (bounded: a stuck one is a finding). */
  private async checkIntegrity(steps: readonly StepOutcome[]): Promise<NonNullable<RunObservation['integrity']>> {
    const acknowledged = steps.filter((step) => step.status !== undefined && step.status >= 200 && step.status < 300 && step.key !== undefined).map((step) => step.key!);
    try {
      const outcome = await settleIntegrity(this.stack, acknowledged, 5_000);
      return { report: outcome.report, settled: outcome.stuck === 0 };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  private async sockets(): Promise<Socket[]> {
    try {
      return await readSockets(this.stack.service);
    } catch (error) {
      // Without a socket table the TCP positions stay per request, as before connections were learned.
      this.log(`the socket table of ${this.stack.service.spec.name} could not be read (${(error as Error).message}); TCP faults are placed per request only`);
      return [];
    }
  }

  /**
   * A fault at an idle connection: applied between two requests until none of the link's
   * connections that were established when it began is established any more (the service's pool
   * holds a closed connection), then removed before the next request is sent.
   */
  private async closeIdle(ledger: FaultLedger, spec: FaultSpec & { layer: 'tcp' }, timing: { slowMs: number }): Promise<void> {
    const listenPort = this.stack.topology.link(spec.link).listenPort;
    const before = establishedPorts(await this.sockets(), listenPort);
    const fault = faultOf(this.stack, spec, timing);
    await ledger.inject(fault);
    try {
      await eventually(async () => establishedPorts(await this.sockets(), listenPort), (now) => [...before].every((port) => !now.has(port)), {
        expected: `the ${spec.link} link's idle connections (local ports ${[...before].join(', ') || 'none'}) closed by ${spec.kind}`,
        withinMs: 3_000,
        intervalMs: 50,
      });
    } catch (error) {
      this.log(`${faultSpecId(spec)}: ${(error as Error).message}`);
    } finally {
      await ledger.remove(fault);
    }
  }

  /** Request ids are `<run prefix><n>`; the history oracle reads the rows stored under a run's prefix. */
  private runPrefix(runIndex: number): string {
    return `explore-${this.options.seed}-${runIndex}-`;
  }

  private async readStored(runIndex: number): Promise<NonNullable<RunObservation['stored']>> {
    try {
      return { rows: await storedRowsOf(this.stack, this.runPrefix(runIndex), this.nonce) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }

  private async send(runIndex: number, step: number): Promise<StepOutcome> {
    const request = this.stack.request;
    const requestId = `${this.runPrefix(runIndex)}${step + 1}`;
    const headers: Record<string, string> = { ...request.headers, 'x-request-id': requestId };
    const key = request.uniqueHeader ? `${requestId}-${this.nonce}` : undefined;
    if (request.uniqueHeader && key !== undefined) headers[request.uniqueHeader] = key;
    const result = await probe(this.stack.serviceUrl, {
      method: request.method,
      path: request.path,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      // Long enough to measure an answer that comes too late instead of cutting it off at the bound.
      timeoutMs: this.options.deadlineMs * 2 + 1_000,
    });
    const contentType = result.headers['content-type'];
    const location = result.status !== undefined && result.status >= 200 && result.status <= 299 ? result.headers.location : undefined;
    return {
      step,
      requestId,
      ...(key === undefined ? {} : { key }),
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      ...(result.status === undefined ? {} : { status: result.status }),
      ...(contentType === undefined ? {} : { contentType }),
      ...(result.error === undefined ? {} : { error: result.error }),
      ...(location === undefined ? {} : { location }),
      ...problemTypeOf(result.body, contentType),
    };
  }

  /** What each 2xx answer acknowledged (its Location), read with the request's own headers. */
  private async readBack(steps: readonly StepOutcome[]): Promise<ReadBack[]> {
    const headers = Object.fromEntries(Object.entries(this.stack.request.headers).filter(([name]) => name !== 'content-type'));
    const reads: ReadBack[] = [];
    for (const step of steps) {
      if (step.location === undefined) continue;
      const result = await probe(this.stack.serviceUrl, { path: step.location, headers, timeoutMs: 2_000 });
      reads.push({ step: step.step, location: step.location, ...(result.status === undefined ? { error: result.error ?? 'no answer' } : { status: result.status }) });
    }
    return reads;
  }

  private async readyAgain(): Promise<{ ok: boolean; detail: string }> {
    const readiness = this.stack.config.service.readiness;
    try {
      if ('http' in readiness) {
        const url = this.stack.service.hostUrl(readiness.port ?? this.stack.config.service.ports[0]!);
        const wanted = readiness.status ?? 200;
        const { elapsedMs } = await eventually(() => probe(url, { path: readiness.http, timeoutMs: 1_000 }), (result) => result.status === wanted, {
          expected: `${readiness.http} to answer ${wanted}`,
          withinMs: 5_000,
        });
        return { ok: true, detail: `ready after ${Math.round(elapsedMs)} ms` };
      }
      return (await this.stack.service.isRunning()) ? { ok: true, detail: 'running' } : { ok: false, detail: 'the container is not running' };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  /**
   * Faults and upstream scripts and journals are reset after every run. The service is restarted
   * only when it is not ready or not at rest (its pristineWhen gauge); a run that ended in failed
   * requests is followed by one fault-free request, so that no consecutive-failure count carries over.
   */
  private async reset(usedLinks: boolean, steps: readonly StepOutcome[]): Promise<boolean> {
    if (usedLinks) await resetLinkFaults(this.stack.topology);
    await this.stack.resetUpstreams();
    let restarted = false;
    if (!(await isPristine(this.stack))) {
      await this.stack.service.reconfigure({ ...this.stack.service.env }, { force: true });
      resetProbeConnections();
      await warmUp(this.stack);
      this.restarts += 1;
      restarted = true;
    } else if (steps.some((step) => step.status === undefined || step.status >= 300)) {
      await sendRequest(this.stack, { warmUp: true, timeoutMs: this.options.deadlineMs * 2 + 1_000 });
    }
    if (restarted || steps.some((step) => step.status === undefined || step.status >= 300)) await this.stack.resetUpstreams();
    return restarted;
  }
}

function problemTypeOf(body: string, contentType: string | undefined): { problemType?: string } {
  if (!(contentType ?? '').startsWith('application/problem+json')) return {};
  try {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return typeof type === 'string' ? { problemType: type.split('/').pop() ?? type } : {};
  } catch {
    return {};
  }
}

const round = (value: number) => Math.round(value * 100) / 100;
