import type { LoadPhaseEvidence } from '../report/evidence.js';
import type { Verdict } from '../probes/expectations.js';
import type { LoadResult } from './load-runner.js';
import { compare, measure, parseThreshold, type Threshold } from './threshold.js';

/** Failed = connection errors, timeouts and 5xx answers. 4xx are the service saying no, on purpose. */
export function failedRequests(result: LoadResult): number {
  const serverErrors = Object.entries(result.byStatus).filter(([status]) => Number(status) >= 500).reduce((sum, [, count]) => sum + count, 0);
  return result.errors + result.timeouts + serverErrors;
}

export function phaseEvidence(name: string, result: LoadResult): LoadPhaseEvidence {
  return {
    name,
    startedAt: result.startedAt,
    endedAt: result.endedAt,
    requests: result.requests,
    errors: result.requests - (Object.entries(result.byStatus).filter(([status]) => Number(status) < 300).reduce((sum, [, count]) => sum + count, 0)),
    timeouts: result.timeouts,
    latencyMs: result.latency,
    series: result.series.map((bucket) => ({
      at: result.startedAt + bucket.second * 1000,
      widthMs: 1000,
      requests: bucket.requests,
      errors: bucket.errors,
      p50Ms: bucket.p50Ms,
      p99Ms: bucket.p99Ms,
    })),
  };
}

export function checkThreshold(expression: string | Threshold, result: LoadResult, phase: string): Verdict {
  const threshold = typeof expression === 'string' ? parseThreshold(expression) : expression;
  const measured = measure(threshold.metric, { latenciesMs: result.latenciesMs, failed: failedRequests(result), total: result.requests });
  const ok = result.requests > 0 && compare(measured, threshold.comparator, threshold.value);
  const unit = threshold.metric.kind === 'rate' ? 'fraction' : 'ms';
  return {
    label: `${threshold.source} during the ${phase} phase`,
    measured: Number(measured.toFixed(threshold.metric.kind === 'rate' ? 5 : 2)),
    unit,
    bound: threshold.source,
    ok,
    detail: `${threshold.source} during the ${phase} phase: measured ${measured.toFixed(threshold.metric.kind === 'rate' ? 5 : 2)} ${unit} over ${result.requests} requests (statuses ${JSON.stringify(result.byStatus)}, ${result.errors} errors, ${result.timeouts} timeouts)`,
  };
}
