import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Every container and network a run starts carries these labels, so that the run's own cleanup
 * (and the watchdog that outlives a killed run) can find them without Ryuk.
 */
export const runLabelKey = 'dev.faultline.run';
const ownerPidLabelKey = 'dev.faultline.owner-pid';
const ownerHostLabelKey = 'dev.faultline.owner-host';

export const runId = process.env.FAULTLINE_RUN_ID ?? randomUUID().slice(0, 8);

export function runLabels(): Record<string, string> {
  return {
    [runLabelKey]: runId,
    [ownerPidLabelKey]: String(process.pid),
    [ownerHostLabelKey]: hostname(),
  };
}
