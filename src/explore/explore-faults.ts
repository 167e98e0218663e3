// The explorer's fault specs made into the suite's own fault objects, so that they are injected,
// removed and recorded exactly like a scenario's.
import type { Fault } from '../faults/fault.js';
import { LinkDownFault } from '../faults/link-down-fault.js';
import { ProcessPauseFault } from '../faults/process-pause-fault.js';
import { scriptedAnswerFault, type ScriptedAnswer } from '../faults/scripted-answer-fault.js';
import { ToxicFault } from '../faults/toxic-fault.js';
import type { Stack } from '../stack/stack.js';
import type { FaultSpec, HttpFaultKind } from './fault-spec.js';

export interface FaultTiming {
  /** The delay of http:slow and the latency of tcp:latency: past the service's attempt timeout. */
  readonly slowMs: number;
}

function answerOf(kind: HttpFaultKind, timing: FaultTiming): ScriptedAnswer {
  switch (kind) {
    case 'http:500':
      return { status: 500 };
    case 'http:503-retry-after':
      return { status: 503, retryAfter: '1' };
    case 'http:429':
      return { status: 429 };
    case 'http:slow':
      return { status: 200, delayMs: timing.slowMs };
    case 'http:hang':
      return { status: 200, hang: true };
    case 'http:close-mid-body':
      return { status: 200, closeMidBody: true };
    case 'http:truncated':
      return { status: 200, truncateBody: true };
  }
}

export function faultOf(stack: Stack, spec: FaultSpec, timing: FaultTiming): Fault {
  if (spec.layer === 'http') return scriptedAnswerFault(stack, spec.upstream, spec.route, answerOf(spec.kind, timing), { nth: spec.nth });
  if (spec.layer === 'container') return new ProcessPauseFault(stack.topology.service(spec.upstream));
  const proxy = stack.topology.proxyOf(spec.link);
  switch (spec.kind) {
    case 'tcp:reset':
      return new ToxicFault(proxy, spec.link, 'reset_peer', { timeout: 0 });
    case 'tcp:black-hole':
      return new ToxicFault(proxy, spec.link, 'timeout', { timeout: 0 });
    case 'tcp:latency':
      return new ToxicFault(proxy, spec.link, 'latency', { latency: timing.slowMs });
    case 'tcp:down':
      return new LinkDownFault(proxy, spec.link);
  }
}
