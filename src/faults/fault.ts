/** What the report needs to know about a fault: what, where, and when it was active. */
export interface FaultRecord {
  readonly kind: string;
  readonly target: string;
  readonly description: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** Epoch milliseconds. */
  injectedAt?: number;
  removedAt?: number;
  /** How long inject() and remove() took, in milliseconds (the ledger measures them). */
  injectMs?: number;
  removeMs?: number;
}

/** A reversible fault: every inject() has a remove(), and remove() is safe to call twice. */
export interface Fault {
  readonly record: FaultRecord;
  inject(): Promise<void>;
  remove(): Promise<void>;
}
