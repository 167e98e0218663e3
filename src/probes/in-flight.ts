// "When 3 requests are in flight": the configured request, started and not awaited, and held
// where the suite can see it: open at a scriptable upstream (a scripted delay on the route the
// request reaches keeps it there). A stack without a scriptable upstream can only start them.
import type { Stack } from '../stack/stack.js';
import { FaultlineError } from '../errors.js';
import { eventually, EventuallyTimeoutError } from '../units/eventually.js';
import type { Journal } from '../faults/gateway-control.js';
import type { ProbeResult } from './http-probe.js';
import { sendRequestsConcurrently } from './service-requests.js';
import { withinMs } from '../units/tolerance.js';

export interface InFlight {
  /** Settles when every request has its answer (or its error). */
  readonly results: Promise<ProbeResult[]>;
  /** Where they were seen open, e.g. "payment-gateway POST /charges x3"; empty when only started. */
  readonly heldAt: string[];
}

/** Requests opened since `marks` that the upstreams have not answered yet, by upstream and route. */
export function openSince(journals: ReadonlyMap<string, Journal>, marks: ReadonlyMap<string, number>): Map<string, number> {
  const open = new Map<string, number>();
  for (const [name, journal] of journals) {
    for (const entry of journal.requests) {
      if (entry.seq <= (marks.get(name) ?? 0)) continue;
      if (entry.outcome !== null && entry.outcome !== 'hung') continue;
      const key = `${name} ${entry.route ?? `${entry.method} ${entry.path}`}`;
      open.set(key, (open.get(key) ?? 0) + 1);
    }
  }
  return open;
}

export interface InFlightOptions {
  readonly timeoutMs?: number;
  readonly withinMs?: number;
  /** What to start instead of `count` configured requests (the order contract's orders). */
  readonly start?: () => Promise<ProbeResult[]>;
}

export async function putInFlight(stack: Stack, count: number, options: InFlightOptions = {}): Promise<InFlight> {
  const names = stack.upstreamNames;
  const readJournals = async () => new Map(await Promise.all(names.map(async (name) => [name, await stack.upstream(name).journal()] as const)));
  const before = await readJournals();
  const marks = new Map([...before].map(([name, journal]) => [name, journal.requests.at(-1)?.seq ?? 0]));
  const results = options.start ? options.start() : sendRequestsConcurrently(stack, count, { timeoutMs: options.timeoutMs ?? 30_000 });
  if (names.length === 0) return { results, heldAt: [] };
  const total = (open: Map<string, number>) => [...open.values()].reduce((sum, n) => sum + n, 0);
  try {
    const { value } = await eventually(async () => openSince(await readJournals(), marks), (open) => total(open) >= count, {
      expected: `${count} requests open at the scriptable upstreams (${names.join(', ')})`,
      withinMs: withinMs(options.withinMs ?? 5_000),
      intervalMs: 10,
    });
    return { results, heldAt: [...value].map(([where, n]) => `${where} x${n}`) };
  } catch (error) {
    if (!(error instanceof EventuallyTimeoutError)) throw error;
    const settled = await Promise.race([results.then((all) => all.map((r) => r.status ?? r.error).join(', ')), new Promise<undefined>((resolve) => setTimeout(resolve, 0, undefined))]);
    throw new FaultlineError(
      'FL_MISSING_STEP',
      `${count} requests were started but were not seen in flight: ${error.message}${settled === undefined ? '' : `; they had already been answered: ${settled}`}. ` +
        'Hold them where the suite can see them with a scripted delay on the upstream route they reach, e.g. "Given the payment-gateway upstream answers POST /charges with a delay of 2s for every request"',
      { cause: error },
    );
  }
}
