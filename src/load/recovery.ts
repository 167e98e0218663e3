import type { Verdict } from '../probes/expectations.js';
import { withinMs } from '../units/tolerance.js';
import { loadRequest } from './load-request.js';
import type { LoadResult } from './load-runner.js';
import { runPacedLoad } from './paced-load.js';

/**
 * Recovery time after a fault ends: 1 s windows of paced load until a window's p99 is under the
 * SLO. The time to recover is the end of the first good window (an upper bound at 1 s resolution).
 */
export async function measureRecovery(baseUrl: string, apiKey: string, sloMs: number, limitMs: number, ratePerS = 20): Promise<{ windows: LoadResult[]; verdict: Verdict }> {
  const started = Date.now();
  const windows: LoadResult[] = [];
  const deadline = started + withinMs(limitMs);
  while (Date.now() < deadline) {
    const window = await runPacedLoad({ baseUrl, request: () => loadRequest('POST', '/orders', apiKey), ratePerS, durationS: 1 });
    windows.push(window);
    if (window.requests > 0 && window.latency.p99 < sloMs) {
      const recoveredMs = window.endedAt - started;
      return {
        windows,
        verdict: { label: `time until p(99) < ${sloMs} ms again`, measured: recoveredMs, unit: 'ms', bound: `<= ${limitMs} ms`, ok: recoveredMs <= withinMs(limitMs), detail: `recovered after ${windows.length} window(s), ${recoveredMs} ms; last p99 ${window.latency.p99} ms` },
      };
    }
  }
  const last = windows.at(-1);
  return {
    windows,
    verdict: { label: `time until p(99) < ${sloMs} ms again`, measured: Date.now() - started, unit: 'ms', bound: `<= ${limitMs} ms`, ok: false, detail: `p(99) still ${last?.latency.p99 ?? 'unmeasured'} ms after ${windows.length} windows` },
  };
}
