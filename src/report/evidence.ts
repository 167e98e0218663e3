// The evidence a scenario attaches, as a versioned model. The formatter reads these attachments
// (media type evidenceMediaType) from the message stream and builds the reports from them.
import type { FaultRecord } from '../faults/fault.js';

export const evidenceMediaType = 'application/vnd.faultline.evidence+json';
export const evidenceSchemaVersion = 1;

export interface RequestEvidence {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly status?: number;
  readonly error?: string;
}

export interface MeasurementEvidence {
  /** The sentence's claim, e.g. "added p50 order latency". */
  readonly label: string;
  readonly measured: number;
  readonly unit: string;
  readonly bound: string;
  readonly ok: boolean;
}

export interface ScenarioEvidence {
  readonly schemaVersion: typeof evidenceSchemaVersion;
  readonly faults: FaultRecord[];
  readonly requests: RequestEvidence[];
  readonly measurements: MeasurementEvidence[];
  readonly service: { configuration: Record<string, string> };
  readonly notes: Record<string, unknown>;
  diagnostics?: unknown;
}

export function emptyEvidence(): ScenarioEvidence {
  return { schemaVersion: evidenceSchemaVersion, faults: [], requests: [], measurements: [], service: { configuration: {} }, notes: {} };
}
