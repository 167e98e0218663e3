import type { Stack } from '../topology/stack.js';
import { probe } from './http-probe.js';
import { metricValue } from './prometheus-text.js';
import { scrapeMetrics } from './service-metrics.js';

/**
 * Whether the service under test can be reused by the next scenario as it is: running, ready (its
 * HTTP readiness check answers), and the configured gauge at its resting value (for the reference
 * service: breaker closed). Anything else (stopped by a shutdown scenario, breaker left open,
 * database pool broken) means a restart, so that no scenario inherits another's state.
 */
export async function isPristine(stack: Stack): Promise<boolean> {
  const config = stack.config.service;
  try {
    if (!(await stack.service.isRunning())) return false;
    if ('http' in config.readiness) {
      const port = config.readiness.port ?? config.ports[0]!;
      const ready = await probe(stack.service.hostUrl(port), { path: config.readiness.http, timeoutMs: 1_000 });
      if (ready.status !== (config.readiness.status ?? 200)) return false;
    }
    if (config.pristineWhen && config.metrics) {
      return metricValue(await scrapeMetrics(stack.directUrl, config.metrics.path), config.pristineWhen.metric) === config.pristineWhen.value;
    }
    return true;
  } catch {
    return false;
  }
}
