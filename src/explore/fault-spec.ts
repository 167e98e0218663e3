// The explorer's fault alphabet as plain data: which fault, where. A spec is written as one token
// (for replay commands and reports) and read back by parseFaultSpecs:
//   http:500@payment-gateway:POST:/charges#2   the 2nd POST /charges request of payment-gateway answers 500
//   tcp:reset@payment:request2                 the payment link resets connections during the 2nd workload request
//   tcp:reset@payment:connection1:request2     the same, named by the connection request 2 used in the fault-free run
//   tcp:down@payment:connection1:idle-after-request1
//                                              the payment link goes down while its 1st connection idles in the
//                                              service's pool after the 1st request, and comes back before the 2nd
//   container:pause@payment-gateway:request1   the payment-gateway container is paused during the 1st workload request
//   container:pause@payment-gateway:when-steps the same while a scenario's When steps run (explore <feature>:<line>)
import { FaultlineError } from '../errors.js';

export const httpFaultKinds = ['http:500', 'http:503-retry-after', 'http:429', 'http:slow', 'http:hang', 'http:close-mid-body', 'http:truncated'] as const;
export const tcpFaultKinds = ['tcp:reset', 'tcp:black-hole', 'tcp:latency', 'tcp:down'] as const;
export const containerFaultKinds = ['container:pause'] as const;
export type HttpFaultKind = (typeof httpFaultKinds)[number];
export type ContainerFaultKind = (typeof containerFaultKinds)[number];
export type TcpFaultKind = (typeof tcpFaultKinds)[number];

/** A scripted answer at exactly the nth request of one route of a scriptable upstream. */
export interface HttpFaultSpec {
  readonly layer: 'http';
  readonly kind: HttpFaultKind;
  readonly upstream: string;
  readonly route: string;
  readonly nth: number;
}

/**
 * A Toxiproxy fault on a link while one request of the workload (0-based `step`) runs, or (`idle`)
 * between that request and the next, while the link's connection idles in the service's pool.
 */
export interface TcpFaultSpec {
  readonly layer: 'tcp';
  readonly kind: TcpFaultKind;
  readonly link: string;
  readonly step: number;
  /** The link's connection (1-based, as the fault-free run learned them) the position is named by. */
  readonly connection?: number;
  /** Applied after request `step` until the link's idle connections are gone, then removed. */
  readonly idle?: true;
}

/**
 * TCP faults that act on a connection nobody is using. Link down closes it; Toxiproxy's reset_peer
 * (like a latency or a black hole) waits for traffic: measured on the reference stack, an idle
 * pooled connection stayed established for 3 s under it.
 */
export const idleTcpFaultKinds: readonly TcpFaultKind[] = ['tcp:down'];

/**
 * A container-level fault on an upstream's container while one request of the workload (0-based
 * `step`) runs, or (step -1) while a scenario's When steps run (`faultline explore <feature>:<line>`).
 */
export interface ContainerFaultSpec {
  readonly layer: 'container';
  readonly kind: ContainerFaultKind;
  readonly upstream: string;
  readonly step: number;
}

export type FaultSpec = HttpFaultSpec | TcpFaultSpec | ContainerFaultSpec;

/** The `step` of a container fault held while a scenario's When steps run. */
export const whenSteps = -1;

export function faultSpecId(spec: FaultSpec): string {
  if (spec.layer === 'http') {
    const [method, path] = spec.route.split(' ');
    return `${spec.kind}@${spec.upstream}:${method}:${path}#${spec.nth}`;
  }
  if (spec.layer === 'container') return `${spec.kind}@${spec.upstream}:${spec.step === whenSteps ? 'when-steps' : `request${spec.step + 1}`}`;
  const connection = spec.connection === undefined ? '' : `connection${spec.connection}:`;
  return `${spec.kind}@${spec.link}:${connection}${spec.idle ? 'idle-after-' : ''}request${spec.step + 1}`;
}

/** The ids of a fault set, in a stable order (a set's identity does not depend on how it was found). */
export function faultSetId(specs: readonly FaultSpec[]): string {
  return specs.map(faultSpecId).sort().join(',');
}

const httpToken = /^(http:[a-z0-9-]+)@([A-Za-z0-9._-]+):([A-Z]+):(\/\S*)#(\d+)$/;
const tcpToken = /^(tcp:[a-z-]+)@([A-Za-z0-9._-]+?)(?::connection(\d+))?:(idle-after-)?request(\d+)$/;
const containerToken = /^(container:[a-z-]+)@([A-Za-z0-9._-]+):request(\d+)$/;
const containerWhenToken = /^(container:[a-z-]+)@([A-Za-z0-9._-]+):when-steps$/;

/** "http:500@payment-gateway:POST:/charges#2,tcp:down@payment:request3" back into specs; "none" is the empty set. */
export function parseFaultSpecs(text: string): FaultSpec[] {
  // The fault-free run (a counterexample the baseline already breaks).
  if (text.trim() === 'none') return [];
  const tokens = text.split(',').map((token) => token.trim()).filter(Boolean);
  if (tokens.length === 0) throw badSpec(text, 'it names no fault');
  return tokens.map((token) => {
    const http = httpToken.exec(token);
    if (http) {
      const [, kind, upstream, method, path, nth] = http as unknown as [string, string, string, string, string, string];
      if (!(httpFaultKinds as readonly string[]).includes(kind)) throw badSpec(token, `${kind} is not one of ${httpFaultKinds.join(', ')}`);
      if (Number(nth) < 1) throw badSpec(token, 'requests are counted from 1');
      return { layer: 'http', kind: kind as HttpFaultKind, upstream, route: `${method} ${path}`, nth: Number(nth) };
    }
    const tcp = tcpSpec(token);
    if (tcp) return tcp;
    const whenMatch = containerWhenToken.exec(token);
    if (whenMatch) {
      const [, kind, upstream] = whenMatch as unknown as [string, string, string];
      if (!(containerFaultKinds as readonly string[]).includes(kind)) throw badSpec(token, `${kind} is not one of ${containerFaultKinds.join(', ')}`);
      return { layer: 'container', kind: kind as ContainerFaultKind, upstream, step: whenSteps };
    }
    const container = duringRequest(token, containerToken, containerFaultKinds);
    if (container) return { layer: 'container', kind: container.kind as ContainerFaultKind, upstream: container.target, step: container.step };
    throw badSpec(token, 'write http:<kind>@<upstream>:<METHOD>:<path>#<n>, tcp:<kind>@<link>[:connection<n>][:idle-after-]request<n> or container:<kind>@<upstream>:request<n>');
  });
}

/** "tcp:<kind>@<link>[:connection<n>][:idle-after-]request<n>", checked. */
function tcpSpec(token: string): TcpFaultSpec | undefined {
  const match = tcpToken.exec(token);
  if (!match) return undefined;
  const [, kind, link, connection, idle, request] = match as unknown as [string, string, string, string | undefined, string | undefined, string];
  if (!(tcpFaultKinds as readonly string[]).includes(kind)) throw badSpec(token, `${kind} is not one of ${tcpFaultKinds.join(', ')}`);
  if (Number(request) < 1 || (connection !== undefined && Number(connection) < 1)) throw badSpec(token, 'workload requests and connections are counted from 1');
  if (idle && !idleTcpFaultKinds.includes(kind as TcpFaultKind)) throw badSpec(token, `only ${idleTcpFaultKinds.join(' and ')} acts on an idle connection`);
  return { layer: 'tcp', kind: kind as TcpFaultKind, link, step: Number(request) - 1, ...(connection === undefined ? {} : { connection: Number(connection) }), ...(idle ? { idle: true as const } : {}) };
}

/** A token of a fault placed during one workload request ("<kind>@<target>:request<n>"), checked. */
function duringRequest(token: string, pattern: RegExp, kinds: readonly string[]): { kind: string; target: string; step: number } | undefined {
  const match = pattern.exec(token);
  if (!match) return undefined;
  const [, kind, target, request] = match as unknown as [string, string, string, string];
  if (!kinds.includes(kind)) throw badSpec(token, `${kind} is not one of ${kinds.join(', ')}`);
  if (Number(request) < 1) throw badSpec(token, 'workload requests are counted from 1');
  return { kind, target, step: Number(request) - 1 };
}

function badSpec(text: string, why: string): FaultlineError {
  return new FaultlineError('FL_BAD_FAULT_SET', `"${text}" is not a fault set: ${why}; for example http:500@payment-gateway:POST:/charges#2,tcp:reset@payment:request1`);
}
