// Orders placed and read with bearer tokens, and what an answer to them must look like.
import { randomUUID } from 'node:crypto';
import { answerProblems } from '../fuzz/problem-checks.js';
import { probe, type ProbeResult } from '../probes/http-probe.js';
import { sampleOrder } from '../probes/orders.js';
import type { Verdict } from '../probes/expectations.js';

export async function placeOrderWith(baseUrl: string, credentials: Readonly<Record<string, string>>): Promise<ProbeResult & { orderId?: string }> {
  const result = await probe(baseUrl, {
    method: 'POST',
    path: '/orders',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...credentials },
    body: JSON.stringify(sampleOrder()),
    timeoutMs: 10_000,
  });
  const orderId = result.status === 201 ? (JSON.parse(result.body) as { id?: string }).id : undefined;
  return orderId === undefined ? result : { ...result, orderId };
}

export function readOrderWith(baseUrl: string, orderId: string, credentials: Readonly<Record<string, string>>): Promise<ProbeResult> {
  return probe(baseUrl, { path: `/orders/${orderId}`, headers: credentials, timeoutMs: 10_000 });
}

export type ExpectedBody = 'the order' | 'a problem document';

export function parseExpectedBody(text: string): ExpectedBody {
  if (text === 'the order' || text === 'a problem document') return text;
  throw new Error(`"${text}" is not an expected body; write "the order" or "a problem document"`);
}

/**
 * An answer against what the scenario expects: the status, and either the order itself or a
 * problem document (RFC 9457, no internal detail) that carries a Bearer challenge when it is a 401.
 */
export function judgeAnswer(caller: string, result: ProbeResult | undefined, expected: { status: number; body: ExpectedBody }, orderId: string): Verdict {
  const label = `GET /orders/:id as ${caller}`;
  const bound = `${expected.status} with ${expected.body}`;
  if (result === undefined) return { label, measured: 0, unit: 'status', bound, ok: false, detail: `${caller} did not read the order in this scenario` };
  const problems: string[] = [];
  if (result.status !== expected.status) problems.push(`answered ${result.status ?? result.error}, expected ${expected.status}`);
  if (expected.body === 'the order') {
    const id = safeJson(result.body)?.['id'];
    if (id !== orderId) problems.push(`the body is not order ${orderId}: ${result.body.slice(0, 200)}`);
  } else {
    // A status below 400 is already reported above; the shape checks are for error answers.
    if ((result.status ?? 0) >= 400) problems.push(...answerProblems(result, false).filter((problem) => !problem.startsWith('server error')));
    if (result.status === 401 && !/^Bearer\b/.test(result.headers['www-authenticate'] ?? '')) {
      problems.push(`a 401 without a Bearer challenge (WWW-Authenticate: ${result.headers['www-authenticate'] ?? 'none'})`);
    }
  }
  const detail = problems.length === 0 ? `${caller}: ${result.status} as expected` : `${caller}: ${problems.join('; ')} (body ${result.body.slice(0, 300)})`;
  return { label, measured: result.status ?? 0, unit: 'status', bound, ok: problems.length === 0, detail };
}

function safeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
