// Which runs the explorer makes: every single fault of the alphabet at every interaction, then
// pairs along the interactions still reached under the first fault, pruned by Filibuster's rule.
import { containerFaultKinds, httpFaultKinds, idleTcpFaultKinds, tcpFaultKinds, faultSetId, type ContainerFaultKind, type FaultSpec, type HttpFaultKind, type TcpFaultKind } from './fault-spec.js';
import { interactionId, type Interaction } from './interaction.js';
import type { LinkConnection } from './link-connections.js';
import { outcomeWord, type StepOutcome } from './run-observation.js';

export interface Alphabet {
  readonly http: readonly HttpFaultKind[];
  readonly tcp: readonly TcpFaultKind[];
  /** Container faults on the upstream's container (absent: none). */
  readonly container?: readonly ContainerFaultKind[];
}

export const fullAlphabet: Alphabet = { http: httpFaultKinds, tcp: tcpFaultKinds, container: containerFaultKinds };

/**
 * The connection a workload request travelled over in the fault-free run: the first one it
 * opened, else the one idling in the pool after the request before it (for the first request: one
 * open before the workload). Undefined when the socket table did not show one alone.
 */
export function connectionOf(connections: readonly LinkConnection[], link: string, step: number): number | undefined {
  const onLink = connections.filter((connection) => connection.link === link);
  const opened = onLink.find((connection) => connection.openedIn === step);
  if (opened) return opened.nth;
  const pooled = onLink.filter((connection) => (step === 0 ? connection.openedIn < 0 : connection.idleAfter.includes(step - 1)));
  return pooled.length === 1 ? pooled[0]!.nth : undefined;
}

/**
 * Every HTTP fault at every interaction, every TCP fault on each link and every container fault on
 * each upstream while each workload request that used it runs. With the link's connections
 * learned, TCP positions are named by the connection the request used, and the faults that close
 * an idle connection (link down) also run between two requests that use the link while
 * connections idle in the service's pool: the next request meets a pool of closed connections.
 */
export function singleFaults(interactions: readonly Interaction[], alphabet: Alphabet = fullAlphabet, connections: readonly LinkConnection[] = []): FaultSpec[][] {
  const singles: FaultSpec[][] = [];
  for (const interaction of interactions) {
    for (const kind of alphabet.http) singles.push([{ layer: 'http', kind, upstream: interaction.upstream, route: interaction.route, nth: interaction.nth }]);
  }
  const linkSteps = new Map<string, { link: string; step: number }>();
  for (const { link, step } of interactions) if (link !== undefined && step >= 0) linkSteps.set(`${link}:${step}`, { link, step });
  for (const { link, step } of linkSteps.values()) {
    const connection = connectionOf(connections, link, step);
    for (const kind of alphabet.tcp) singles.push([{ layer: 'tcp', kind, link, step, ...(connection === undefined ? {} : { connection }) }]);
  }
  // A toxic acts on every connection of its proxy, so an idle position is one per (link, gap
  // between two requests), named by its connection when exactly one idles there.
  const idleKinds = alphabet.tcp.filter((candidate) => idleTcpFaultKinds.includes(candidate));
  for (const { link, step } of linkSteps.values()) {
    const idle = connections.filter((connection) => connection.link === link && connection.idleAfter.includes(step));
    if (idle.length === 0 || !linkSteps.has(`${link}:${step + 1}`)) continue;
    for (const kind of idleKinds) singles.push([{ layer: 'tcp', kind, link, step, ...(idle.length === 1 ? { connection: idle[0]!.nth } : {}), idle: true }]);
  }
  const upstreamSteps = new Map<string, { upstream: string; step: number }>();
  for (const { upstream, step } of interactions) if (step >= 0) upstreamSteps.set(`${upstream}:${step}`, { upstream, step });
  for (const { upstream, step } of upstreamSteps.values()) {
    for (const kind of alphabet.container ?? []) singles.push([{ layer: 'container', kind, upstream, step }]);
  }
  return singles;
}

/**
 * What a run looked like from outside: the caller's answers and the interactions it reached (with
 * the request that caused each). Two faults with the same signature left the system in states
 * that no caller and no upstream can tell apart.
 */
export function runSignature(steps: readonly StepOutcome[], reached: readonly Interaction[]): string {
  return `${steps.map(outcomeWord).join(' | ')} || ${reached.map((interaction) => `${interactionId(interaction)}@${interaction.step}`).join(', ')}`;
}

/** A single-fault run, as pair planning needs it. */
export interface SingleRun {
  readonly faults: readonly FaultSpec[];
  readonly reached: readonly Interaction[];
  readonly signature: string;
}

export interface PairPlan {
  /** Pairs to run, nearest second fault first (the interaction right after the first fault is usually the retry it caused). */
  readonly pairs: FaultSpec[][];
  /** Pairs along reached interactions without pruning. */
  readonly withoutPruning: number;
  /** Pairs skipped because an equivalent first fault already stands for them. */
  readonly pruned: number;
}

/**
 * Filibuster's rule: a first fault whose run has the same signature as an earlier one changes
 * nothing a second fault could see differently, so only the earlier one is paired; the pairs of
 * the others are pruned and counted. Second faults are the HTTP alphabet at each interaction the
 * first run reached after the first fault (for a TCP fault: in later requests).
 */
export function planPairs(singles: readonly SingleRun[], alphabet: Alphabet = fullAlphabet): PairPlan {
  const representatives = new Set<string>();
  const byDistance: FaultSpec[][][] = [];
  const seen = new Set<string>();
  let withoutPruning = 0;
  let pruned = 0;
  for (const single of singles) {
    const first = single.faults[0];
    if (single.faults.length !== 1 || first === undefined) continue;
    const later = laterInteractions(first, single.reached);
    const count = later.length * alphabet.http.length;
    withoutPruning += count;
    if (representatives.has(single.signature)) {
      pruned += count;
      continue;
    }
    representatives.add(single.signature);
    later.forEach((interaction, distance) => {
      for (const kind of alphabet.http) {
        const pair: FaultSpec[] = [first, { layer: 'http', kind, upstream: interaction.upstream, route: interaction.route, nth: interaction.nth }];
        const id = faultSetId(pair);
        if (seen.has(id)) {
          pruned += 1;
          continue;
        }
        seen.add(id);
        (byDistance[distance] ??= []).push(pair);
      }
    });
  }
  return { pairs: byDistance.flat(), withoutPruning, pruned };
}

function laterInteractions(first: FaultSpec, reached: readonly Interaction[]): Interaction[] {
  if (first.layer !== 'http') return reached.filter((interaction) => interaction.step > first.step);
  const at = reached.findIndex((interaction) => interaction.upstream === first.upstream && interaction.route === first.route && interaction.nth === first.nth);
  return at < 0 ? [] : reached.slice(at + 1);
}
