// The schemas alone: `components` and a named alias per schema, without openapi-typescript's `paths`
// and `operations` (importing from here keeps a consumer's type-check to what it uses).
export type { components } from "./generated/components.js";
export type * from "./generated/schemas.js";
