export { newFindings } from "./baseline.js";
export { DriftCollector, type DriftReport } from "./drift-report.js";
export { type Finding, type FindingKind, jsonType } from "./finding.js";
export { renderDriftMarkdown } from "./report-markdown.js";
export { createResponseChecker, type ObservedResponse } from "./response-checker.js";
export { type CatalogueRow, entryIds, planWalk, type WalkStep } from "./walk-plan.js";
