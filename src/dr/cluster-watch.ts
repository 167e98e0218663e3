// Who is primary, over time: every member's own view (GET /patroni) polled from the host every
// 100 ms, each change recorded with its instant. The promotion and demotion instants of a
// failover are read from it; it never acts on the cluster.
import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedService } from '../topology/started-service.js';
import { memberStatus, type MemberStatus } from './patroni-api.js';

export interface RoleChange {
  readonly member: string;
  /** Epoch ms of the answer that first showed the new role. */
  readonly at: number;
  readonly role: MemberStatus['role'];
  readonly state?: string;
}

export const watchIntervalMs = 100;

export class ClusterWatch {
  readonly changes: RoleChange[] = [];
  private readonly latest = new Map<string, MemberStatus>();
  private running = true;
  private readonly loop: Promise<void>;

  constructor(private readonly members: readonly StartedService[]) {
    this.loop = this.poll();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      const started = Date.now();
      await Promise.all(this.members.map(async (member) => {
        const status = await memberStatus(member, watchIntervalMs * 3);
        // The instant the answer came: a change is never dated before it could have been seen.
        const at = Date.now();
        if (status.role === 'unknown') return;
        const before = this.latest.get(member.spec.name);
        this.latest.set(member.spec.name, status);
        if (before?.role !== status.role) this.changes.push({ member: member.spec.name, at, role: status.role, ...(status.state === undefined ? {} : { state: status.state }) });
      }));
      await sleep(Math.max(0, watchIntervalMs - (Date.now() - started)));
    }
  }

  /** The members that say they are primary now. */
  primaries(): string[] {
    return [...this.latest].filter(([, status]) => status.role === 'primary').map(([name]) => name);
  }

  status(member: string): MemberStatus | undefined {
    return this.latest.get(member);
  }

  /** The first instant after `from` at which `member` was seen in `role`. */
  firstSeen(member: string, role: MemberStatus['role'], from: number): number | undefined {
    return this.changes.find((change) => change.member === member && change.role === role && change.at >= from)?.at;
  }

  /** The first instant after `from` at which `member` was seen in any role but `role`. */
  firstLeft(member: string, role: MemberStatus['role'], from: number): number | undefined {
    return this.changes.find((change) => change.member === member && change.role !== role && change.at >= from)?.at;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }
}
