export { freePort } from "./free-port.js";
export { defaultSpecPath, type PrismMock, type StartPrismOptions, startPrism } from "./start-prism.js";
