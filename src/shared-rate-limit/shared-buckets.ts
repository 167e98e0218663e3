// The shared rate limit's buckets in Redis (the order service's RATE_LIMIT_STORE=redis keeps them
// under `rate-limit:<principal>`) and the service's count of requests its store could not decide.
import { metricValue, type Sample } from '../probes/prometheus-text.js';
import type { Verdict } from '../probes/expectations.js';
import type { ProbeResult } from '../probes/http-probe.js';
import type { StartedService } from '../topology/started-service.js';

/** Deletes every bucket (and nothing else, the order cache shares the Redis); returns how many there were. */
export async function emptySharedBuckets(redis: StartedService): Promise<number> {
  const script = "local keys = redis.call('KEYS', 'rate-limit:*') for _, key in ipairs(keys) do redis.call('DEL', key) end return #keys";
  const output = await redis.exec(['redis-cli', 'EVAL', script, '0']);
  return Number(output.trim().replace(/^\(integer\)\s*/, ''));
}

export type StoreErrorOutcome = 'allowed' | 'refused';

/** `rate_limit_store_errors_total{outcome}` between two scrapes, against an exact count. */
export function storeErrorsVerdict(before: readonly Sample[], after: readonly Sample[], outcome: StoreErrorOutcome, expected: number): Verdict {
  const name = 'rate_limit_store_errors_total';
  const measured = metricValue(after, name, { outcome }) - metricValue(before, name, { outcome });
  const other: StoreErrorOutcome = outcome === 'allowed' ? 'refused' : 'allowed';
  const otherCount = metricValue(after, name, { outcome: other }) - metricValue(before, name, { outcome: other });
  return {
    label: `requests the rate-limit store could not decide, ${outcome}`,
    measured,
    unit: 'count',
    bound: `exactly ${expected}`,
    ok: measured === expected,
    detail: `${name}{outcome="${outcome}"} rose by ${measured}, expected exactly ${expected} (outcome="${other}" rose by ${otherCount})`,
  };
}

/** Whether an answer was metered by the limit: it reports what is left (`RateLimit`), which an answer let through unmetered does not. */
export function metered(headers: Readonly<Record<string, string | undefined>>): boolean {
  return /;r=\d+;t=\d+$/.test(headers['ratelimit'] ?? '');
}

/** Every answer a problem document (RFC 9457) of `type` with `Retry-After: seconds`. */
export function problemAnswersVerdict(results: readonly ProbeResult[], type: string, seconds: number): Verdict {
  const problems = results.flatMap((result) => {
    const issues: string[] = [];
    if (!result.headers['content-type']?.startsWith('application/problem+json')) issues.push(`content-type ${result.headers['content-type'] ?? '(none)'}`);
    let documentType: unknown;
    try {
      documentType = (JSON.parse(result.body) as { type?: unknown }).type;
    } catch {
      documentType = '(not JSON)';
    }
    if (documentType !== type) issues.push(`type ${String(documentType)}`);
    if (result.headers['retry-after'] !== String(seconds)) issues.push(`Retry-After ${result.headers['retry-after'] ?? '(none)'}`);
    return issues;
  });
  return {
    label: `problem documents of type ${type} with Retry-After`,
    measured: results.length,
    unit: 'answers',
    bound: `every answer application/problem+json, type ${type}, Retry-After: ${seconds}`,
    ok: results.length > 0 && problems.length === 0,
    detail: results.length === 0 ? 'no such answers' : `problems: ${problems.join('; ') || 'none'}`,
  };
}
