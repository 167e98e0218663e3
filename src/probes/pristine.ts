import type { StartedService } from '../topology/started-service.js';
import { probe } from './http-probe.js';
import { breakerStateName, scrapeMetrics } from './service-metrics.js';

/**
 * Whether the service can be reused by the next scenario as it is: running, ready, breaker closed.
 * Anything else (stopped by a shutdown scenario, breaker left open, database pool broken) means a
 * restart, so that no scenario inherits another's state.
 */
export async function isPristine(service: StartedService, servicePort = 3000): Promise<boolean> {
  try {
    if (!(await service.isRunning())) return false;
    const url = service.hostUrl(servicePort);
    const ready = await probe(url, { path: '/health/ready', timeoutMs: 1_000 });
    if (ready.status !== 200) return false;
    return breakerStateName(await scrapeMetrics(url)) === 'closed';
  } catch {
    return false;
  }
}
