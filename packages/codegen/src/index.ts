export { buildCatalogue, type OperationEntry, operationName } from "./catalogue.js";
export { emitOpenapiTypes } from "./emit.js";
export { CodegenError } from "./errors.js";
export { generate, loadOverlaidSpec, renderGenerated } from "./generate.js";
export { type AppliedAction, applyOverlay, assertOverlay, type Overlay, type OverlayAction } from "./overlay.js";
export { parseDocument } from "./parse-document.js";
export { validateSpec } from "./validate-spec.js";
