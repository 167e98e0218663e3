// The input-fuzzing properties of the order service's endpoints, as (arbitrary, check) pairs.
import { randomUUID } from 'node:crypto';
import { probe } from '../probes/http-probe.js';
import { answerProblems } from './problem-checks.js';
import { headerValue, orderId, orderRequest, validOrder, type GeneratedRequest } from './order-arbitraries.js';
import fc from 'fast-check';

export interface Target {
  readonly baseUrl: string;
  readonly apiKey: string;
}

export const endpointProperties = {
  'POST /orders bodies': {
    arbitrary: orderRequest,
    check: (target: Target) => async (request: GeneratedRequest) => {
      const result = await probe(target.baseUrl, {
        method: 'POST',
        path: '/orders',
        headers: { ...(request.contentType ? { 'content-type': request.contentType } : {}), 'x-api-key': target.apiKey, 'idempotency-key': randomUUID() },
        body: request.body,
        timeoutMs: 10_000,
      });
      // Seen once in ~1000 runs: the service answers 413 as soon as Content-Length exceeds the limit
      // and closes the connection (RFC 9110 §15.5.14 allows it); when the client is still writing
      // the body, Node's client reports the reset and drops the 413 it may have received.
      if (request.kind === 'oversized body' && result.error === 'ECONNRESET') return [];
      return answerProblems(result, request.valid).map((problem) => `${request.kind}: ${problem}`);
    },
  },
  'GET /orders/:id ids': {
    arbitrary: orderId,
    check: (target: Target) => async (id: string) => {
      const result = await probe(target.baseUrl, { path: `/orders/${id}`, headers: { 'x-api-key': target.apiKey }, timeoutMs: 10_000 });
      const problems = answerProblems(result, false);
      if (result.status !== 404 && result.status !== 400) problems.push(`an unknown id answered ${result.status}, not 404`);
      return problems;
    },
  },
  'POST /orders headers': {
    arbitrary: fc.record({ apiKey: headerValue, idempotencyKey: headerValue, order: validOrder }),
    check: (target: Target) => async ({ apiKey, idempotencyKey, order }: { apiKey: string | undefined; idempotencyKey: string | undefined; order: unknown }) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (apiKey !== undefined) headers['x-api-key'] = apiKey;
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      const result = await probe(target.baseUrl, { method: 'POST', path: '/orders', headers, body: JSON.stringify(order), timeoutMs: 10_000 });
      const problems = answerProblems(result, false);
      if (result.status === 201) problems.push(`accepted with API key ${JSON.stringify(apiKey)} (only configured keys may order)`);
      return problems;
    },
  },
} as const;
