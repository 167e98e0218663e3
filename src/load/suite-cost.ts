import { existsSync, readFileSync } from 'node:fs';
import { evidenceMediaType } from '../report/evidence.js';
import { percentile } from '../units/stats.js';

/** Wall time of a feature run and its per-scenario reset cost, read from cucumber's message stream. */
export function suiteCost(messagesPath: string): { wallMs: number; scenarios: number; resetMedianMs: number; resetMaxMs: number } | undefined {
  if (!existsSync(messagesPath)) return undefined;
  let started: number | undefined;
  let finished: number | undefined;
  const resets: number[] = [];
  const toMs = (timestamp: { seconds: number; nanos: number }) => timestamp.seconds * 1000 + timestamp.nanos / 1e6;
  for (const line of readFileSync(messagesPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const envelope = JSON.parse(line) as Record<string, any>;
    if (envelope.testRunStarted) started = toMs(envelope.testRunStarted.timestamp);
    if (envelope.testRunFinished) finished = toMs(envelope.testRunFinished.timestamp);
    if (envelope.attachment?.mediaType === evidenceMediaType) {
      const reset = (JSON.parse(envelope.attachment.body) as { notes?: { resetMs?: number } }).notes?.resetMs;
      if (typeof reset === 'number') resets.push(reset);
    }
  }
  if (started === undefined || finished === undefined || resets.length === 0) return undefined;
  return { wallMs: finished - started, scenarios: resets.length, resetMedianMs: percentile(resets, 50), resetMaxMs: Math.max(...resets) };
}
