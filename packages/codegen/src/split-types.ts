import { astToString } from "openapi-typescript";
import ts from "typescript";

/** One member of an operation's `parameters` object type: `query`, `header`, `path` or `cookie`. */
export interface ParameterGroup {
  where: string;
  optional: boolean;
  /** The printed type (`never` when the operation takes none of this kind). */
  type: string;
  /** The parameter names, when the type is an object literal. */
  names: string[];
}

/** One operation's request and response types, printed from openapi-typescript's own output. */
export interface OperationParts {
  /** The members of the `parameters` object type (`{ query?: ...; header?: ...; path: ...; cookie?: never }`). */
  parameters: ParameterGroup[];
  /** The JSON request body's type, or undefined when the operation takes no JSON body. */
  requestBody: string | undefined;
  /** Status code -> the JSON body's type (`never` when that response has no JSON body). */
  responses: Map<string, string>;
}

/** openapi-typescript's statements, split so that the client's types can load `components` alone. */
export interface SplitTypes {
  /** `components` and `$defs`. */
  components: string;
  /** `paths`, `webhooks`, `operations` (they refer to `components`, which the file must import). */
  pathsAndOperations: string;
  /** By operationId. */
  operations: Map<string, OperationParts>;
}

const COMPONENT_STATEMENTS = new Set(["components", "$defs"]);

/**
 * Splits openapi-typescript's AST and reads each operation's parts out of it, so that the generated
 * operation index can hold the types themselves rather than look them up in `operations`: a program
 * that only uses the client then never parses `paths` and `operations` (about half of the
 * declarations), and the types stay exactly those openapi-typescript wrote.
 */
export function splitOpenapiTypes(ast: ts.Node[]): SplitTypes {
  const named = (node: ts.Node) =>
    ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ? node.name.text : undefined;
  const componentNodes = ast.filter((node) => COMPONENT_STATEMENTS.has(named(node) ?? ""));
  const otherNodes = ast.filter((node) => !COMPONENT_STATEMENTS.has(named(node) ?? ""));
  const components = componentNodes.find((node) => named(node) === "components");
  const operations = otherNodes.find((node) => named(node) === "operations");
  const parts = new Map<string, OperationParts>();
  if (operations && ts.isInterfaceDeclaration(operations)) {
    const responsesOf = (ref: ts.TypeNode) => componentResponse(components, ref);
    for (const member of operations.members) {
      const name = memberName(member);
      const type = ts.isPropertySignature(member) ? member.type : undefined;
      if (name === undefined || !type || !ts.isTypeLiteralNode(type)) continue;
      parts.set(name, operationParts(type, responsesOf));
    }
  }
  return { components: astToString(componentNodes), pathsAndOperations: astToString(otherNodes), operations: parts };
}

function operationParts(
  operation: ts.TypeLiteralNode,
  componentResponse: (ref: ts.TypeNode) => ts.TypeNode | undefined,
): OperationParts {
  const parameters = memberType(operation, "parameters");
  const requestBody = memberType(operation, "requestBody");
  const bodyJson = requestBody ? jsonContent(requestBody) : undefined;
  const responses = new Map<string, string>();
  const responseMap = memberType(operation, "responses");
  if (responseMap && ts.isTypeLiteralNode(responseMap)) {
    for (const member of responseMap.members) {
      const status = memberName(member);
      const type = ts.isPropertySignature(member) ? member.type : undefined;
      if (status === undefined || !type) continue;
      const response = ts.isTypeLiteralNode(type) ? type : componentResponse(type);
      const json = response ? jsonContent(response) : undefined;
      responses.set(status, json ? print(json) : "never");
    }
  }
  return {
    parameters: parameters && ts.isTypeLiteralNode(parameters) ? parameters.members.flatMap(parameterGroup) : [],
    requestBody: bodyJson ? print(bodyJson) : undefined,
    responses,
  };
}

function parameterGroup(member: ts.TypeElement): ParameterGroup[] {
  const where = memberName(member);
  if (where === undefined || !ts.isPropertySignature(member) || !member.type) return [];
  const names = ts.isTypeLiteralNode(member.type)
    ? member.type.members.map(memberName).filter((n): n is string => n !== undefined)
    : [];
  return [{ where, optional: member.questionToken !== undefined, type: print(member.type), names }];
}

/** `components["responses"]["X"]` -> the literal type of that shared response. */
function componentResponse(components: ts.Node | undefined, ref: ts.TypeNode): ts.TypeNode | undefined {
  if (!components || !ts.isInterfaceDeclaration(components) || !ts.isIndexedAccessTypeNode(ref)) return undefined;
  const outer = ref.objectType;
  if (!ts.isIndexedAccessTypeNode(outer) || literalText(outer.indexType) !== "responses") return undefined;
  const root = outer.objectType;
  if (!ts.isTypeReferenceNode(root) || !ts.isIdentifier(root.typeName) || root.typeName.text !== "components")
    return undefined;
  const name = literalText(ref.indexType);
  const responses = components.members.find((m) => memberName(m) === "responses");
  const map = responses && ts.isPropertySignature(responses) ? responses.type : undefined;
  return name !== undefined && map ? memberType(map, name) : undefined;
}

/** The `"application/json"` member of a response's or request body's `content`. */
function jsonContent(node: ts.TypeNode): ts.TypeNode | undefined {
  const content = memberType(node, "content");
  return content ? memberType(content, "application/json") : undefined;
}

function memberType(node: ts.TypeNode, name: string): ts.TypeNode | undefined {
  if (!ts.isTypeLiteralNode(node)) return undefined;
  const member = node.members.find((m) => memberName(m) === name);
  return member && ts.isPropertySignature(member) ? member.type : undefined;
}

function memberName(member: ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

function print(node: ts.TypeNode): string {
  return astToString(node as unknown as ts.Node).trimEnd();
}
