export { freePort } from "./free-port.js";
export { defaultSpecPath, MockStartError, type PrismMock, type StartPrismOptions, startPrism } from "./start-prism.js";
