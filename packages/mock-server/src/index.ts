export type { SeenRequest } from "./console-fake.js";
export type { Family, Role } from "./family.js";
export type { Fault } from "./fault-front.js";
export { freePort } from "./free-port.js";
export type { LoadableEntities } from "./generated/entities.js";
export { families } from "./generated/families.js";
export type { QuotaOptions } from "./quota-gate.js";
export { defaultSpecPath, MockStartError, type PrismMock, type StartPrismOptions, startPrism } from "./start-prism.js";
export type { StatefulPrismMock } from "./stateful-mock.js";
