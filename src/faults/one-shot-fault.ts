import type { Fault, FaultRecord } from './fault.js';

/**
 * A fault that is one act rather than a state (a database primary killed, a standby promoted by a
 * failover driver): inject() performs it and the record's window is the time the act took. There is
 * nothing to remove; what it changed is undone by the scenario's own recovery or by a new stack.
 */
export class OneShotFault implements Fault {
  readonly record: FaultRecord;

  constructor(kind: string, target: string, description: string, private readonly act: () => Promise<void>, parameters: Record<string, unknown> = {}) {
    this.record = { kind, target, description, parameters };
  }

  async inject(): Promise<void> {
    this.record.injectedAt = Date.now();
    await this.act();
    this.record.removedAt = Date.now();
  }

  async remove(): Promise<void> {}
}
