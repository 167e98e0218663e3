import { setTimeout as sleep } from 'node:timers/promises';
import type { Toxiproxy } from 'toxiproxy-node-client';

/**
 * Toxiproxy's /reset answers before its live links have finished removing their toxics. A toxic
 * added in that window panics Toxiproxy 2.12.0 (`index out of range` in ToxicLink.AddToxic,
 * link.go:186) and takes the whole server down; the model-based fuzzer found this with seed
 * 1038455100. Until that is fixed upstream, every reset waits for the links to settle.
 */
export const resetSettleMs = 100;

export async function resetToxiproxy(toxiproxy: Toxiproxy): Promise<void> {
  await toxiproxy.reset();
  await sleep(resetSettleMs);
}
