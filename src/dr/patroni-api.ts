// Patroni's REST API, read and driven from the host through each member's published port (never
// through the links the scenarios cut): the member's own view of its role, the cluster's dynamic
// configuration, and a planned switchover.
import { FaultlineError } from '../errors.js';
import type { StartedService } from '../topology/started-service.js';
import { patroniPorts } from './patroni-config.js';

/**
 * What GET /patroni says about one member: `down` when nothing listens (a killed member), `unknown`
 * when it does not answer in time (a Patroni busy retrying etcd answers late; that is no role change).
 */
export interface MemberStatus {
  readonly role: 'primary' | 'replica' | 'down' | 'other' | 'unknown';
  readonly state?: string;
  readonly timeline?: number;
  /** Replica: the WAL position received; primary: the current WAL position (bytes). */
  readonly walPosition?: number;
}

interface PatroniStatusBody {
  role?: string;
  state?: string;
  timeline?: number;
  xlog?: { location?: number; received_location?: number; replayed_location?: number };
}

async function call(member: StartedService, path: string, init: RequestInit = {}, timeoutMs = 1_000): Promise<Response> {
  return fetch(`${member.hostUrl(patroniPorts.rest)}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

export async function memberStatus(member: StartedService, timeoutMs = 400): Promise<MemberStatus> {
  try {
    const response = await call(member, '/patroni', {}, timeoutMs);
    const body = (await response.json()) as PatroniStatusBody;
    // Patroni 3.0 says "master"; later versions say "primary".
    const role = body.role === 'master' || body.role === 'primary' ? 'primary' : body.role === 'replica' ? 'replica' : 'other';
    const walPosition = body.xlog?.location ?? body.xlog?.received_location ?? body.xlog?.replayed_location;
    return { role, ...(body.state === undefined ? {} : { state: body.state }), ...(body.timeline === undefined ? {} : { timeline: body.timeline }), ...(walPosition === undefined ? {} : { walPosition }) };
  } catch (error) {
    return { role: error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'unknown' : 'down' };
  }
}

/** The cluster's dynamic configuration (GET /config). */
export async function clusterConfig(member: StartedService): Promise<Record<string, unknown>> {
  const response = await call(member, '/config');
  if (!response.ok) throw new FaultlineError('FL_CONTROL_API', `GET /config on ${member.spec.name} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** Changes the cluster's dynamic configuration (PATCH /config); the members apply it within a loop_wait. */
export async function patchClusterConfig(member: StartedService, settings: Readonly<Record<string, unknown>>): Promise<void> {
  const response = await call(member, '/config', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(settings) }, 5_000);
  if (!response.ok) throw new FaultlineError('FL_CONTROL_API', `PATCH /config ${JSON.stringify(settings)} on ${member.spec.name} answered ${response.status}: ${await response.text()}`);
}

/** Members as GET /cluster lists them (role leader, sync_standby, replica; lag in bytes). */
export async function clusterMembers(member: StartedService): Promise<ReadonlyArray<{ readonly name: string; readonly role: string; readonly state: string; readonly lag?: number | string }>> {
  const response = await call(member, '/cluster');
  if (!response.ok) throw new FaultlineError('FL_CONTROL_API', `GET /cluster on ${member.spec.name} answered ${response.status}`);
  return ((await response.json()) as { members: Array<{ name: string; role: string; state: string; lag?: number | string }> }).members;
}

/** A planned switchover from the leader to `candidate` (POST /switchover on the leader; Patroni does it at once). */
export async function switchover(leader: StartedService, candidate: string): Promise<void> {
  const response = await call(leader, '/switchover', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ leader: leader.spec.name, candidate }) }, 30_000);
  if (!response.ok) throw new FaultlineError('FL_CONTROL_API', `POST /switchover to ${candidate} on ${leader.spec.name} answered ${response.status}: ${await response.text()}`);
}
