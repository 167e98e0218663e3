// What every answer to a generated input must satisfy, whatever the input.
import type { ProbeResult } from '../probes/http-probe.js';

/** Things that must never reach a client: stack frames, SQL, file paths, runtime internals. */
const internalDetail = /\n\s+at |\bat [\w.<>]+ \(|(SELECT|INSERT|UPDATE|DELETE)\s.+\s(FROM|INTO|SET)\b|node_modules|\/app\/|\.m?[jt]s:\d+|postgres|ECONNREFUSED|TypeError|ReferenceError|undefined is not/i;

export function answerProblems(result: ProbeResult, expectValid: boolean): string[] {
  const problems: string[] = [];
  if (result.status === undefined) return [`no answer (${result.error})`];
  if (result.status >= 500) problems.push(`server error ${result.status}`);
  if (expectValid && result.status !== 201) problems.push(`a valid input answered ${result.status}, not 201`);
  if (!expectValid && result.status < 400) problems.push(`an invalid input was accepted with ${result.status}`);
  if (result.status >= 400) {
    if (!result.headers['content-type']?.startsWith('application/problem+json')) problems.push(`content-type ${result.headers['content-type'] ?? '(none)'} instead of application/problem+json`);
    try {
      const problem = JSON.parse(result.body) as { type?: unknown; title?: unknown; status?: unknown };
      if (typeof problem.type !== 'string' || !/^\/problems\/[a-z-]+$/.test(problem.type)) problems.push(`problem type ${JSON.stringify(problem.type)} is not a stable /problems/<slug>`);
      if (problem.status !== result.status) problems.push(`problem status ${JSON.stringify(problem.status)} differs from the HTTP status ${result.status}`);
      if (typeof problem.title !== 'string') problems.push('problem has no title');
    } catch {
      problems.push('the error body is not JSON');
    }
    if (internalDetail.test(result.body)) problems.push(`internal detail in the body: ${result.body.slice(0, 200)}`);
  }
  return problems;
}
