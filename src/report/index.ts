// The report package's public surface, by name.
export { emptyEvidence, evidenceMediaType, evidenceSchemaVersion, scenarioEvidenceSchema, type ScenarioEvidence } from './evidence.js';
export { type BreakerState, type BreakerTransitionEvidence, type DisasterRecoveryEvidence, type FuzzRunEvidence } from './evidence.js';
export { type LoadPhaseEvidence, type MeasurementEvidence, type MutantEvidence } from './evidence.js';
export { regenerateReports, type RegeneratedReports } from './regenerate.js';
export { ReportCollector } from './report-collector.js';
export { reportJsonSchema, reportSchemaVersion, resilienceReportSchema, type ResilienceReport } from './resilience-report.js';
export { reportFileNames, reportsDirectory, writeReports, type ReportFiles } from './write-reports.js';
