// The request of the configuration (service.request), as the generic steps send it.
import { randomUUID } from 'node:crypto';
import type { Stack } from '../stack/stack.js';
import { probe, type ProbeRequest, type ProbeResult } from './http-probe.js';

export interface RequestOptions {
  /** The warm-up's headers (service.warmUp.headers) instead of the request's own. */
  readonly warmUp?: boolean;
  readonly timeoutMs?: number;
}

/** The configured request with a fresh unique header, if one is configured. */
function configuredRequest(stack: Stack, options: RequestOptions = {}): ProbeRequest {
  const request = stack.request;
  const headers = { ...(options.warmUp ? request.warmUpHeaders : request.headers) };
  if (request.uniqueHeader) headers[request.uniqueHeader] = randomUUID();
  return {
    method: request.method,
    path: request.path,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    timeoutMs: options.timeoutMs ?? 10_000,
  };
}

export function sendRequest(stack: Stack, options: RequestOptions = {}): Promise<ProbeResult> {
  return probe(stack.serviceUrl, configuredRequest(stack, options));
}

export async function sendRequestsSequentially(stack: Stack, count: number): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (let index = 0; index < count; index += 1) results.push(await sendRequest(stack));
  return results;
}

export function sendRequestsConcurrently(stack: Stack, count: number, options: RequestOptions = {}): Promise<ProbeResult[]> {
  return Promise.all(Array.from({ length: count }, () => sendRequest(stack, options)));
}
