// Dependency interactions: (upstream, route, nth request on that route), learned from the
// scriptable upstreams' journals, each with the workload request that caused it and the link it
// travels over.
import { stepOfEntry, type RunObservation } from './run-observation.js';

export interface Interaction {
  readonly upstream: string;
  readonly route: string;
  /** 1-based, per (upstream, route), in arrival order. */
  readonly nth: number;
  /** The workload request (0-based) it belongs to; -1 when the journal cannot say. */
  readonly step: number;
  /** The Toxiproxy link in front of the upstream, if the configuration has one. */
  readonly link?: string;
}

export function interactionId(interaction: Pick<Interaction, 'upstream' | 'route' | 'nth'>): string {
  return `${interaction.upstream} ${interaction.route} #${interaction.nth}`;
}

/** Every interaction of a run, in arrival order per upstream. */
export function learnInteractions(run: Pick<RunObservation, 'journals' | 'steps'>, linkOf: (upstream: string) => string | undefined = () => undefined): Interaction[] {
  const interactions: Interaction[] = [];
  for (const { upstream, requests } of run.journals) {
    const counts = new Map<string, number>();
    for (const entry of [...requests].sort((a, b) => a.seq - b.seq)) {
      const nth = (counts.get(entry.route) ?? 0) + 1;
      counts.set(entry.route, nth);
      const link = linkOf(upstream);
      interactions.push({ upstream, route: entry.route, nth, step: stepOfEntry(entry, run.steps, upstream), ...(link === undefined ? {} : { link }) });
    }
  }
  return interactions;
}

/** The link of each upstream: the configured link whose target is that upstream's host. */
export function upstreamLinks(links: ReadonlyArray<{ readonly name: string; readonly to: string }>): (upstream: string) => string | undefined {
  return (upstream) => links.find((link) => link.to.split(':')[0] === upstream)?.name;
}
