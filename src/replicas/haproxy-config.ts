// The load balancer of the replicas stack (DESIGN.md §2): HAProxy 2.6 in front of the order-service
// replicas. Its configuration is rendered here, once, and copied into the container; the replicas'
// addresses come from the container's environment (HAProxy expands "${VAR}"), so the text does not
// depend on the ports Toxiproxy gives the links.

/** Active health checks: every `interMs` while a server is steady, every `fastInterMs` while it changes state. */
export const healthCheck = { path: '/health/ready', interMs: 500, fastInterMs: 250, timeoutMs: 300, fall: 2, rise: 2 } as const;

/**
 * The longest a server that stops answering can stay in rotation: the first check after the stall
 * starts at most `inter` after the last good one; a check that connects (to the replica's link) and
 * gets no answer fails when its `inter` runs out (measured with HAProxy 2.6.12 here: `timeout check`
 * did not end it sooner, failed checks took 470-500 ms); the next `fall - 1` checks follow `fastinter`
 * apart. 500 + 2 x 500 + 250 = 1750 ms. Measured: 1371-1623 ms.
 */
export const leavesRotationWithinMs = healthCheck.interMs + healthCheck.fall * healthCheck.interMs + (healthCheck.fall - 1) * healthCheck.fastInterMs;

/**
 * The longest a server that answers 503 (a replica shutting down) stays in rotation: the same
 * sequence without the timeouts, 500 + 250 = 750 ms. SIGTERM's grace period must exceed it.
 */
export const leavesRotationWhenUnreadyWithinMs = healthCheck.interMs + (healthCheck.fall - 1) * healthCheck.fastInterMs;

export const balancerPorts = { traffic: 8080, health: 8404, runtimeApi: 9999 } as const;
export const backendName = 'replicas';
/** The header that names the server that answered (HAProxy's %s), read by the canary checks. */
export const servedByHeader = 'x-served-by';
/** Environment variable that turns the health checks off: the balancer variant of a mutation check. */
export const healthChecksVariable = 'BALANCER_HEALTH_CHECKS';

/** Servers declared in maintenance, started by a deployment: a green set and a canary, reached by name. */
export const greenServers = ['green-1', 'green-2', 'green-3'] as const;
export const canaryServer = 'canary';
export const containerOfServer = (server: string) => `order-service-${server}`;

/** A problem document HAProxy answers itself when no replica could take the request. */
export interface BalancerProblem {
  readonly status: 502 | 503 | 504;
  readonly reason: string;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
}

export const balancerProblems: readonly BalancerProblem[] = [
  { status: 502, reason: 'Bad Gateway', type: '/problems/balancer-bad-gateway', title: 'Bad gateway', detail: 'the replica closed the connection or answered something that is not HTTP, and the request could not be retried' },
  { status: 503, reason: 'Service Unavailable', type: '/problems/balancer-no-replica', title: 'No replica available', detail: 'no replica is in rotation, or none could be reached after the retries' },
  { status: 504, reason: 'Gateway Timeout', type: '/problems/balancer-timeout', title: 'Gateway timeout', detail: 'the replica did not answer within the balancer\'s server timeout' },
];

export const errorFilePath = (status: number) => `/usr/local/etc/haproxy/errors/${status}.http`;

/** A raw HTTP response as HAProxy's errorfile wants it. */
export function errorFile(problem: BalancerProblem): string {
  const body = `${JSON.stringify({ type: problem.type, title: problem.title, status: problem.status, detail: problem.detail })}\n`;
  return [
    `HTTP/1.1 ${problem.status} ${problem.reason}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    ...(problem.status === 503 ? ['Retry-After: 1'] : []),
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export const replicaAddressVariable = (index: number) => `REPLICA_${index}_ADDRESS`;

export function haproxyConfig(replicas: number): string {
  const check = healthCheck;
  const servers = Array.from({ length: replicas }, (_, index) => `  server replica-${index + 1} "\${${replicaAddressVariable(index + 1)}}"`);
  // Green and canary servers are resolved through Docker's DNS when their containers exist.
  const later = [...greenServers, canaryServer].map((server) => `  server ${server} ${containerOfServer(server)}:3000 disabled init-addr none resolvers docker`);
  return `# Rendered by src/replicas/haproxy-config.ts.
global
  # The runtime API, admin level, over TCP for the suite: show stat, set server ... state/weight.
  stats socket ipv4@0.0.0.0:${balancerPorts.runtimeApi} level admin
  stats timeout 30s
  maxconn 4000

defaults
  mode http
  timeout connect 1s
  timeout client 30s
  # Longer than the order service's own bound on a request (payment deadline 2 s + storage 2 s).
  timeout server 5s
  timeout check ${check.timeoutMs}ms
  timeout http-keep-alive 10s
  # A failed attempt is tried again up to 3 times, each time on another server (redispatch 1).
  retries 3
  option redispatch 1
  # conn-failure: the request never left. empty-response: the replica closed the connection without a
  # byte of answer (a crash). response-timeout: no answer within timeout server (a stalled replica).
  # Non-idempotent requests are only retried when they carry an Idempotency-Key (backend below).
  retry-on conn-failure empty-response response-timeout
${balancerProblems.map((problem) => `  errorfile ${problem.status} ${errorFilePath(problem.status)}`).join('\n')}

resolvers docker
  nameserver dns 127.0.0.11:53
  hold valid 1s
  hold nx 1s
  hold obsolete 1s

frontend orders
  bind :${balancerPorts.traffic}
  default_backend ${backendName}

frontend balancer-health
  bind :${balancerPorts.health}
  http-request return status 200 content-type text/plain string ready if { path /ready }
  http-request return status 404

backend ${backendName}
  balance roundrobin
  option httpchk GET ${check.path}
  http-check expect status 200
  # A POST (or PATCH) is only sent again when the service can recognise the repeat by its key.
  http-request disable-l7-retry if !METH_GET !{ req.hdr(idempotency-key) -m found }
  http-response set-header X-Served-By %s
.if streq("\${${healthChecksVariable}}",off)
  default-server weight 100
.else
  default-server check inter ${check.interMs}ms fastinter ${check.fastInterMs}ms downinter ${check.interMs}ms fall ${check.fall} rise ${check.rise} weight 100
.endif
${servers.join('\n')}
${later.join('\n')}
`;
}
