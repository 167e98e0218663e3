import type { Fault, FaultRecord } from './fault.js';

/**
 * The faults a scenario injected. removeAll() takes every one of them away, newest first, and
 * keeps going when one removal fails, so that nothing leaks into the next scenario.
 */
export class FaultLedger {
  private readonly active: Fault[] = [];
  private readonly history: FaultRecord[] = [];

  async inject(fault: Fault): Promise<FaultRecord> {
    this.active.push(fault);
    this.history.push(fault.record);
    const started = performance.now();
    await fault.inject();
    fault.record.injectMs = round(performance.now() - started);
    return fault.record;
  }

  async remove(fault: Fault): Promise<void> {
    const index = this.active.indexOf(fault);
    if (index >= 0) this.active.splice(index, 1);
    await timedRemoval(fault);
  }

  /** The most recent active fault matching the predicate. */
  find(predicate: (fault: Fault) => boolean): Fault | undefined {
    return [...this.active].reverse().find(predicate);
  }

  get records(): readonly FaultRecord[] {
    return this.history;
  }

  async removeAll(): Promise<void> {
    const errors: unknown[] = [];
    while (this.active.length > 0) {
      const fault = this.active.pop()!;
      try {
        await timedRemoval(fault);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `${errors.length} fault(s) could not be removed`);
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

async function timedRemoval(fault: Fault): Promise<void> {
  const started = performance.now();
  await fault.remove();
  // Only a removal that did something: remove() of a fault already gone returns at once.
  if (fault.record.removeMs === undefined && fault.record.removedAt !== undefined) fault.record.removeMs = round(performance.now() - started);
}
