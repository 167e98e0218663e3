// The request of the configuration (service.request), as the generic steps send it.
import { randomUUID } from 'node:crypto';
import type { Stack } from '../topology/stack.js';
import { probe, type ProbeRequest, type ProbeResult } from './http-probe.js';

/** The configured request with this run's secrets filled in and a fresh unique header, if one is configured. */
export function configuredRequest(stack: Stack, options: { headers?: Readonly<Record<string, string>>; timeoutMs?: number } = {}): ProbeRequest {
  const request = stack.config.service.request ?? { path: '/' };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...request.headers, ...options.headers })) headers[name.toLowerCase()] = stack.fill(value);
  if (request.uniqueHeader) headers[request.uniqueHeader.toLowerCase()] = randomUUID();
  const hasBody = request.body !== undefined;
  if (hasBody) headers['content-type'] ??= 'application/json';
  return {
    method: request.method ?? 'GET',
    path: request.path,
    headers,
    ...(hasBody ? { body: JSON.stringify(request.body) } : {}),
    timeoutMs: options.timeoutMs ?? 10_000,
  };
}

export function sendRequest(stack: Stack, options: { headers?: Readonly<Record<string, string>>; timeoutMs?: number } = {}): Promise<ProbeResult> {
  return probe(stack.serviceUrl, configuredRequest(stack, options));
}

export async function sendRequestsSequentially(stack: Stack, count: number): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (let index = 0; index < count; index += 1) results.push(await sendRequest(stack));
  return results;
}

export function sendRequestsConcurrently(stack: Stack, count: number, options: { headers?: Readonly<Record<string, string>>; timeoutMs?: number } = {}): Promise<ProbeResult[]> {
  return Promise.all(Array.from({ length: count }, () => sendRequest(stack, options)));
}
