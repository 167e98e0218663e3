// Journal entries and step outcomes for the explorer's unit tests: plain data, as the upstream's
// control API and the probe return them.
import type { JournalEntry } from '../faults/gateway-control.js';
import type { StepOutcome } from './run-observation.js';

export function entry(seq: number, fields: Partial<JournalEntry> = {}): JournalEntry {
  return {
    seq,
    arrivedAt: 1_000 + seq * 10,
    completedAt: 1_000 + seq * 10 + 5,
    method: 'POST',
    path: '/charges',
    route: 'POST /charges',
    bodyHash: null,
    headers: {},
    idempotencyKey: `key-${seq}`,
    requestId: null,
    status: 201,
    outcome: 'answered',
    ...fields,
  };
}

export function step(index: number, fields: Partial<StepOutcome> = {}): StepOutcome {
  return { step: index, requestId: `r${index + 1}`, key: `k${index + 1}`, startedAt: 0, durationMs: 20, status: 201, contentType: 'application/json', location: `/orders/o${index + 1}`, ...fields };
}
