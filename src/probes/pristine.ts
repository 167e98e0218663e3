import type { Stack } from '../stack/stack.js';
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

/** How the next scenario can know the service holds no state of an earlier one. */
export type PristineJudge = 'rule' | 'stateless' | 'none';

export function pristineJudge(service: { readonly pristineWhen?: unknown; readonly stateless?: boolean }): PristineJudge {
  if (service.pristineWhen !== undefined) return 'rule';
  return service.stateless === true ? 'stateless' : 'none';
}

export interface RestartDecision {
  readonly restart: boolean;
  /** Recorded in the scenario's evidence: a reuse is never silent. */
  readonly reason: string;
}

/**
 * Whether the service is restarted before a scenario. A service that is not running or not ready,
 * or whose pristine gauge is off its resting value, always is. Otherwise the configuration decides
 * who can vouch for its state: a `pristineWhen` gauge did (it is at rest), `stateless: true` says
 * nothing survives a request; with neither, any scenario that used the service since it started
 * may have left state behind (a breaker's failure count, a cache, a token bucket: every request
 * can change them, and so can a fault the service noticed on its own), so it is restarted.
 */
export function restartDecision(input: { readonly pristine: boolean; readonly judge: PristineJudge; readonly usedSinceStart: boolean }): RestartDecision {
  if (!input.pristine) return { restart: true, reason: 'not running, not ready, or its pristineWhen gauge is not at rest' };
  if (input.judge === 'rule') return { restart: false, reason: 'its pristineWhen gauge is at rest' };
  if (input.judge === 'stateless') return { restart: false, reason: 'the configuration declares it stateless' };
  if (input.usedSinceStart) {
    return { restart: true, reason: 'an earlier scenario used it and neither service.pristineWhen nor service.stateless says its state is clean' };
  }
  return { restart: false, reason: 'no scenario has used it since it started' };
}
