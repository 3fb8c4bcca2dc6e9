export { newFindings } from "./baseline.js";
export { DriftCollector, type DriftReport } from "./drift-report.js";
export { type Finding, type FindingKind, jsonType } from "./finding.js";
export { renderDriftMarkdown } from "./report-markdown.js";
export { createResponseChecker, type ObservedResponse, type ResponseTables } from "./response-checker.js";
export type { CompiledValidator, ResponseSchemas, ResponseValidatorTable, ValidationError } from "./validator-table.js";
export { entryIds, type WalkStep, walkPlan } from "./walk-plan.js";
