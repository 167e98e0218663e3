import { FaultlineError } from '../errors.js';

/** Which of the target's packets: those it sends, those it receives, or both. */
export type PacketDirection = 'egress' | 'ingress' | 'both';

/**
 * One packet impairment, as netem names them. Probabilities are fractions (0.3 = 30 %), times are
 * milliseconds, rates kilobits per second.
 */
export type PacketImpairment =
  | { readonly kind: 'loss'; readonly probability: number; readonly correlation?: number }
  | { readonly kind: 'corruption'; readonly probability: number }
  | { readonly kind: 'duplication'; readonly probability: number }
  | { readonly kind: 'delay'; readonly delayMs: number; readonly jitterMs: number }
  | { readonly kind: 'reordering'; readonly probability: number; readonly gapMs?: number }
  | { readonly kind: 'rate'; readonly kbitPerSecond: number };

const maxDelayMs = 60_000;

function bad(message: string): never {
  throw new FaultlineError('FL_BAD_FAULT', message);
}

function checkProbability(name: string, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || value > 1 || (!allowZero && value === 0)) {
    bad(`packet ${name} must be ${allowZero ? 'between 0%' : 'more than 0%'} and at most 100%, got ${Number.isFinite(value) ? `${+(value * 100).toFixed(4)}%` : String(value)}`);
  }
}

function checkMs(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > maxDelayMs) bad(`packet ${name} must be between 0ms and ${maxDelayMs / 1000}s, got ${value}ms`);
}

/** Throws FL_BAD_FAULT naming the parameter and its range when an impairment cannot be applied. */
export function validateImpairment(impairment: PacketImpairment): PacketImpairment {
  switch (impairment.kind) {
    case 'loss':
      checkProbability('loss', impairment.probability);
      if (impairment.correlation !== undefined) checkProbability('loss correlation', impairment.correlation, true);
      break;
    case 'corruption':
    case 'duplication':
      checkProbability(impairment.kind, impairment.probability);
      break;
    case 'reordering':
      checkProbability('reordering', impairment.probability);
      if (impairment.gapMs !== undefined) checkMs('reordering gap', impairment.gapMs);
      break;
    case 'delay':
      checkMs('delay', impairment.delayMs);
      checkMs('jitter', impairment.jitterMs);
      if (impairment.delayMs === 0) bad('packet delay must be more than 0ms (write the fault without a delay instead)');
      if (impairment.jitterMs > impairment.delayMs) bad(`packet jitter (${impairment.jitterMs}ms) must not exceed the delay (${impairment.delayMs}ms): a packet cannot leave before it arrived`);
      break;
    case 'rate':
      // TBF needs a burst of at least one MTU per timer tick; below 8 kbit/s one 1500-byte packet takes 1.5 s.
      if (!Number.isFinite(impairment.kbitPerSecond) || impairment.kbitPerSecond < 8 || impairment.kbitPerSecond > 10_000_000) {
        bad(`packet rate must be between 8kbit/s and 10gbit/s, got ${impairment.kbitPerSecond}kbit/s`);
      }
      break;
    default:
      bad(`unknown packet impairment ${JSON.stringify(impairment)}; known: loss, corruption, duplication, delay, reordering, rate`);
  }
  return impairment;
}

const percent = (fraction: number) => `${+(fraction * 100).toFixed(4)}%`;

export function describeImpairment(impairment: PacketImpairment): string {
  switch (impairment.kind) {
    case 'loss':
      return `${percent(impairment.probability)} packet loss${impairment.correlation ? ` (correlation ${percent(impairment.correlation)})` : ''}`;
    case 'corruption':
      return `${percent(impairment.probability)} packet corruption`;
    case 'duplication':
      return `${percent(impairment.probability)} packet duplication`;
    case 'reordering':
      return `${percent(impairment.probability)} packet reordering${impairment.gapMs === undefined ? '' : ` (held ${impairment.gapMs}ms)`}`;
    case 'delay':
      return `${impairment.delayMs}ms packet delay${impairment.jitterMs ? ` ± ${impairment.jitterMs}ms` : ''}`;
    case 'rate':
      return `a rate of ${impairment.kbitPerSecond}kbit/s`;
  }
}

/** Reads "100kbit/s", "2mbit/s", "512kbps" into kilobits per second. */
export function parseRate(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(kbit|mbit|gbit)\/s\s*$/i.exec(text);
  if (!match) bad(`"${text}" is not a rate; write a number followed by kbit/s, mbit/s or gbit/s, for example 100kbit/s`);
  const factor = { kbit: 1, mbit: 1000, gbit: 1_000_000 }[match[2]!.toLowerCase() as 'kbit' | 'mbit' | 'gbit'];
  return Number(match[1]) * factor;
}
