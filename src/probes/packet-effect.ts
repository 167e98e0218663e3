import type { Verdict } from './expectations.js';
import type { PacketObservation } from '../faults/packet-fault.js';

/** An effect a packet fault has on the packets it sees, as the steps name it. */
export type PacketEffect = 'lost' | 'corrupted' | 'duplicated' | 'delayed' | 'reordered';

export const packetEffects: readonly PacketEffect[] = ['lost', 'corrupted', 'duplicated', 'delayed', 'reordered'];

/** Packets affected and packets seen, over every path of the fault (fl-nfqueue and the statistic rules). */
function observedEffect(observation: PacketObservation, effect: PacketEffect): { affected: number; seen: number } {
  const queue = observation.queue;
  const statistic = observation.statistic;
  const fromQueue = queue ? { lost: queue.dropped, corrupted: queue.corrupted, duplicated: queue.duplicated, delayed: queue.delayed, reordered: queue.reordered }[effect] : 0;
  const fromStatistic = effect === 'lost' && statistic ? statistic.dropped : 0;
  return { affected: fromQueue + fromStatistic, seen: (queue?.seen ?? 0) + (statistic?.seen ?? 0) };
}

/**
 * The observed fraction against the bounds the sentence states (which must allow for the sample's
 * size). A fault that saw fewer than 5 packets fails: it cannot have shown its effect.
 */
const minimumPackets = 5;

export function expectObservedFraction(observation: PacketObservation, effect: PacketEffect, min: number, max: number, configured: string): Verdict {
  const { affected, seen } = observedEffect(observation, effect);
  const fraction = seen === 0 ? Number.NaN : affected / seen;
  const pct = (value: number) => `${+(value * 100).toFixed(2)}%`;
  const ok = seen >= minimumPackets && fraction >= min && fraction <= max;
  return {
    label: `packets ${effect} (configured ${configured})`,
    measured: Number.isNaN(fraction) ? Number.NaN : Number((fraction * 100).toFixed(2)),
    unit: '%',
    bound: `${pct(min)}..${pct(max)}`,
    ok,
    detail: `${affected} of ${seen} packets ${effect} (${Number.isNaN(fraction) ? 'no packets' : pct(fraction)}) on the ${Object.entries(observation.paths).map(([direction, path]) => `${direction} ${path}`).join(', ')} path over ${(observation.windowMs / 1000).toFixed(1)} s${seen < minimumPackets ? `; fewer than ${minimumPackets} packets went through the fault` : ''}`,
  };
}

/** A kernel counter of the target (retransmissions, checksum errors) that must have risen at least `min` during the fault. */
export function expectCounterAtLeast(observation: PacketObservation, counter: string, min: number, label: string): Verdict {
  const value = observation.tcp[counter] ?? 0;
  return {
    label,
    measured: value,
    unit: 'segments',
    bound: `>= ${min}`,
    ok: value >= min,
    detail: `${counter} rose by ${value} over ${(observation.windowMs / 1000).toFixed(1)} s; all TCP counters: ${Object.entries(observation.tcp).map(([name, delta]) => `${name} +${delta}`).join(', ')}`,
  };
}
