export type { SeenRequest } from "./console-fake.js";
export { freePort } from "./free-port.js";
export { defaultSpecPath, MockStartError, type PrismMock, type StartPrismOptions, startPrism } from "./start-prism.js";
export type { StatefulPrismMock } from "./stateful-mock.js";
