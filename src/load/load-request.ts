import { randomUUID } from 'node:crypto';
import type { ProbeRequest } from '../probes/http-probe.js';
import { sampleOrder } from '../probes/orders.js';

let sequence = 0;

/** One request of a load phase: POST /orders gets a fresh idempotency key each time. */
export function loadRequest(method: string, path: string, apiKey: string): ProbeRequest {
  if (method === 'POST') {
    return {
      method: 'POST',
      path,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(sampleOrder(sequence++)),
    };
  }
  return { method: 'GET', path, headers: { 'x-api-key': apiKey } };
}
