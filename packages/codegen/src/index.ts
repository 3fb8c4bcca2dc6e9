export { applyMockRules, type RuleUse, renderApiRules } from "./apply-mock-rules.js";
export { buildCatalogue, type OperationEntry, operationName } from "./catalogue.js";
export { type Change, type Level, overallLevel } from "./diff/change.js";
export { diffSpecs } from "./diff/diff-specs.js";
export { changeLine, renderChangeset, renderMarkdown } from "./diff/report.js";
export { compileResponseTables, planWalk } from "./emit-drift.js";
export { emitOpenapiTypes } from "./emit-openapi-types.js";
export { interfaceName } from "./emit-operation-index.js";
export { CodegenError } from "./errors.js";
export { type ExampleDefect, findExampleDefects, newExampleDefects } from "./example-defects.js";
export { generate, loadOverlaidSpec, type OverlayCheckpoints, renderGenerated } from "./generate.js";
export { deriveSampledAnswers } from "./mock-example-answers.js";
export { type CoverageRow, deriveFamilies, type Family, renderCoverage } from "./mock-families.js";
export { deriveParts } from "./mock-parts.js";
export { MOCK_RULES, type MockRule } from "./mock-rules.js";
export { openResponseEnums } from "./open-enums.js";
export {
  asArray,
  deref,
  HTTP_METHODS,
  type HttpMethod,
  isObject,
  type Json,
  type OperationAt,
  operationAt,
  operationOf,
  operations,
  parametersOf,
  pointerPath,
  resolve,
  resolvePointer,
} from "./openapi-doc.js";
export { type AppliedAction, applyOverlay, assertOverlay, type Overlay, type OverlayAction } from "./overlay.js";
export { driftProofHolds } from "./overlay-proof.js";
export { parseDocument } from "./parse-document.js";
export {
  createValidator,
  requestBodySchemaPointer,
  responseSchemaPointer,
  type Validator,
} from "./schema-validator.js";
export { diffSpecFiles, readSpecInput, repoLayout, SPEC_PACKAGES, updateSpec } from "./spec-update.js";
export { validateSpec } from "./validate-spec.js";
