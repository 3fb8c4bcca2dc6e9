import { isObject, type Json, operationAt, resolvePointer } from "./openapi-doc.js";
import { createValidator } from "./schema-validator.js";

/**
 * Whether a drafted overlay action's `x-drift-proof` holds on a spec: the schema at the pointer accepts the value
 * the live API sent, declares the property, no longer requires it, or the operation declares the status. The
 * overlay tests check it holds with the action and fails without it, as for every hand-written action.
 */
export function driftProofHolds(spec: Json, proof: unknown): boolean {
  if (!isObject(proof)) return false;
  if (typeof proof.operation === "string" && typeof proof.status === "string") {
    const [method = "", path = ""] = proof.operation.split(" ");
    const responses = operationAt(spec, path, method)?.responses;
    return isObject(responses) && Object.hasOwn(responses, proof.status);
  }
  if (typeof proof.schema !== "string") return false;
  const node = resolvePointer(spec, proof.schema);
  if (!isObject(node)) return false;
  if (typeof proof.declares === "string") {
    return isObject(node.properties) && Object.hasOwn(node.properties, proof.declares);
  }
  if (typeof proof.optional === "string") {
    return !(Array.isArray(node.required) && node.required.includes(proof.optional));
  }
  if ("accepts" in proof) {
    try {
      return createValidator(spec).at(proof.schema)(proof.accepts) === true;
    } catch {
      return false; // the schema does not compile: nothing would validate against it
    }
  }
  return false;
}
