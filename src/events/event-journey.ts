// The events' journey (published, received, shipped, acked, failed, nak, dead-lettered) as the
// order service and the fulfilment worker log it: pino lines with msg "event journey".

export interface JourneyStep {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly service: string;
  readonly event: string;
  readonly eventId: string;
  readonly orderId: string;
  readonly delivery?: number;
  readonly error?: string;
  readonly delayMs?: number;
}

export function journeyFromLog(logText: string, service: string, sinceMs: number): JourneyStep[] {
  const steps: JourneyStep[] = [];
  for (const line of logText.split('\n')) {
    const start = line.indexOf('{');
    if (start < 0 || !line.includes('event journey')) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line.slice(start)) as Record<string, unknown>;
    } catch {
      continue;
    }
    const at = typeof entry.time === 'string' ? Date.parse(entry.time) : typeof entry.time === 'number' ? entry.time : Number.NaN;
    if (entry.msg !== 'event journey' || Number.isNaN(at) || at < sinceMs || typeof entry.event !== 'string') continue;
    steps.push({
      at,
      service,
      event: entry.event,
      eventId: String(entry.eventId ?? ''),
      orderId: String(entry.orderId ?? ''),
      ...(typeof entry.delivery === 'number' ? { delivery: entry.delivery } : {}),
      ...(typeof entry.error === 'string' ? { error: entry.error } : {}),
      ...(typeof entry.delayMs === 'number' ? { delayMs: entry.delayMs } : {}),
    });
  }
  return steps;
}

/** How many events reached each stage, for the report's summary line. */
export function journeyCounts(steps: readonly JourneyStep[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const step of steps) counts[step.event] = (counts[step.event] ?? 0) + 1;
  return counts;
}

/**
 * The gaps between a failed delivery of an event and its next delivery (the worker's redelivery
 * backoff as it happened), with the delivery number that failed.
 */
export function redeliveryGaps(steps: readonly JourneyStep[], eventId: string): Array<{ delivery: number; gapMs: number }> {
  const mine = steps.filter((step) => step.eventId === eventId && step.service !== 'order-service').sort((a, b) => a.at - b.at);
  const gaps: Array<{ delivery: number; gapMs: number }> = [];
  for (let index = 0; index < mine.length; index++) {
    const failed = mine[index]!;
    if (failed.event !== 'failed' || failed.delivery === undefined) continue;
    const next = mine.slice(index + 1).find((step) => step.event === 'received' && step.delivery === failed.delivery! + 1);
    if (next) gaps.push({ delivery: failed.delivery, gapMs: next.at - failed.at });
  }
  return gaps;
}
