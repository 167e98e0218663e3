// What a scenario run under the explorer hands back to it: the stack the scenario ran on and the
// upstreams' journals before the scenario's After hook clears them. One slot on globalThis, because
// the step definitions and the explorer may hold different copies of this module (the steps from
// their TypeScript source, an installed CLI from dist/).
import type { Stack } from '../stack/stack.js';
import type { UpstreamJournal } from './run-observation.js';

/** The fault set a scenario run places (fault-spec tokens, or "none"), set by the explorer. */
export const scenarioFaultsVariable = 'FAULTLINE_EXPLORE_FAULTS';
/** http:slow's delay and tcp:latency's latency in a scenario run, in ms. */
export const scenarioSlowVariable = 'FAULTLINE_EXPLORE_SLOW_MS';

export interface ScenarioBridge {
  stack?: Stack;
  journals?: UpstreamJournal[];
  /** Faults of the run that could not be placed (a failed injection). */
  placementErrors: string[];
}

const slot = Symbol.for('faultline.explore.scenario-bridge');

export function scenarioBridge(): ScenarioBridge {
  const holder = globalThis as unknown as Record<symbol, ScenarioBridge | undefined>;
  return (holder[slot] ??= { placementErrors: [] });
}
