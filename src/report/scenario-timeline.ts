// The time window a scenario's charts share, so that the latency chart and the breaker timeline
// line up and a fault window sits at the same x in both.
import type { ScenarioEvidence } from './evidence.js';

export interface ScenarioTimeline {
  /** Epoch milliseconds of x = 0: the first recorded event. */
  readonly originMs: number;
  /** Epoch milliseconds of the right edge. */
  readonly endMs: number;
}

/** Undefined when the evidence holds no timed event at all. */
export function scenarioTimeline(evidence: ScenarioEvidence, scenarioFinishedAt?: number): ScenarioTimeline | undefined {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const request of evidence.requests) {
    starts.push(request.startedAt);
    ends.push(request.startedAt + request.durationMs);
  }
  for (const fault of evidence.faults) {
    if (fault.injectedAt !== undefined) starts.push(fault.injectedAt);
    if (fault.removedAt !== undefined) ends.push(fault.removedAt);
  }
  for (const phase of evidence.loadPhases ?? []) {
    starts.push(phase.startedAt);
    ends.push(phase.endedAt);
  }
  for (const transition of evidence.breakerTransitions ?? []) {
    starts.push(transition.at);
    ends.push(transition.at);
  }
  if (starts.length === 0) return undefined;
  const originMs = Math.min(...starts);
  // A fault that was never removed stays shaded to the end of the scenario, not only to the last request.
  const unremoved = evidence.faults.some((fault) => fault.injectedAt !== undefined && fault.removedAt === undefined);
  if (unremoved && scenarioFinishedAt !== undefined) ends.push(scenarioFinishedAt);
  const last = Math.max(...starts, ...ends);
  // A little room on the right so that the last point is not drawn on the frame.
  const endMs = last + Math.max(50, (last - originMs) * 0.03);
  return { originMs, endMs };
}
