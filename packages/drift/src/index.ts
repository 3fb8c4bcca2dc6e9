export { DriftCollector, type DriftReport } from "./drift-report.js";
export { type Finding, type FindingKind, jsonType } from "./finding.js";
export {
  createResponseChecker,
  type ObservedResponse,
} from "./response-checker.js";
