// The generator's validator (ajv over the whole OpenAPI document) is the one the contract tests use too.
export { createValidator, type Validator } from "@org/statsig-console-codegen";
