/** One write as the client saw it (Jepsen-style): invoked, completed, and what it learned. */
export interface HistoryEntry {
  readonly key: string;
  /** Epoch ms. */
  readonly invokeAt: number;
  readonly completeAt: number;
  /** ok: acknowledged (2xx); fail: definitely not applied (4xx); unknown: timeout, reset or 5xx. */
  readonly outcome: 'ok' | 'fail' | 'unknown';
  readonly status?: number;
  readonly orderId?: string;
}

/** A row read back after recovery. */
export interface StoredRow {
  readonly key: string;
  readonly id: string;
}
