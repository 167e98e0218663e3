// The phrases of the scripted-answer steps (their patterns are in steps/support/parameter-types.ts):
//   {route}      "POST /reservations"
//   {answer}     "503", "503 and Retry-After 1s", "a delay of 2s", "a truncated body", "headers trickled over 1s"
//   {selection}  "for the next 2 requests", "on the 3rd request", "for every request", "for 10% of requests"
import { FaultlineError } from '../errors.js';
import type { Selection } from './gateway-control.js';
import { parseDuration } from '../units/duration.js';
import type { ScriptedAnswer } from './scripted-answer-fault.js';

export function parseAnswer(text: string): ScriptedAnswer {
  const status = /^([1-5]\d\d)(?: and Retry-After (.+))?$/.exec(text);
  if (status) {
    const answer = { status: Number(status[1]) };
    if (status[2] === undefined) return answer;
    const ms = parseDuration(status[2]);
    if (ms % 1000 !== 0) {
      throw new FaultlineError('FL_BAD_SCRIPTED_ANSWER', `Retry-After ${status[2]}: the header carries whole seconds; write it as ${Math.max(1, Math.round(ms / 1000))}s`);
    }
    return { ...answer, retryAfter: String(ms / 1000) };
  }
  const delay = /^a delay of (.+)$/.exec(text);
  if (delay) return { status: 200, delayMs: parseDuration(delay[1]!) };
  if (text === 'a truncated body') return { status: 200, truncateBody: true };
  const slow = /^headers trickled over (.+)$/.exec(text);
  if (slow) return { status: 200, slowHeadersMs: parseDuration(slow[1]!) };
  throw new FaultlineError('FL_BAD_SCRIPTED_ANSWER', `"${text}" is not a scripted answer; write a status ("503"), "503 and Retry-After 1s", "a delay of 2s", "a truncated body" or "headers trickled over 1s"`);
}

const scriptSeedVariable = 'FAULTLINE_SCRIPT_SEED';

/** FAULTLINE_SCRIPT_SEED replays a run's shares of requests; otherwise a new seed each time. */
export function scriptSeed(env: NodeJS.ProcessEnv = process.env): number {
  const forced = env[scriptSeedVariable];
  if (forced === undefined || forced === '') return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(forced);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new FaultlineError('FL_BAD_SCRIPTED_ANSWER', `${scriptSeedVariable}="${forced}": the seed is an integer from 0 to 4294967295, as the report printed it`);
  }
  return seed;
}

/** A probabilistic selection gets a seed, recorded with the fault, so that a run can be replayed. */
export function parseSelection(text: string, seed: () => number = () => scriptSeed()): Selection {
  if (text === 'for the next request') return { next: 1 };
  if (text === 'for every request') return { every: true };
  const next = /^for the next (\d+) requests$/.exec(text);
  if (next) return { next: positive(Number(next[1]), text) };
  const nth = /^(?:for|on) the (\d+)(?:st|nd|rd|th) request$/.exec(text);
  if (nth) return { nth: positive(Number(nth[1]), text) };
  const share = /^for (\d+(?:\.\d+)?)% of requests$/.exec(text);
  if (share) {
    const probability = Number(share[1]) / 100;
    if (!(probability > 0 && probability <= 1)) throw new FaultlineError('FL_BAD_SCRIPTED_ANSWER', `"${text}": the share must be more than 0% and at most 100%`);
    return { probability, seed: seed() };
  }
  throw new FaultlineError('FL_BAD_SCRIPTED_ANSWER', `"${text}" does not say which requests; write "for the next 2 requests", "on the 3rd request", "for every request" or "for 10% of requests"`);
}

function positive(n: number, text: string): number {
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new FaultlineError('FL_BAD_SCRIPTED_ANSWER', `"${text}": the count must be from 1 to 10000`);
  return n;
}
