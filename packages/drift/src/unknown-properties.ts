type Json = Record<string, unknown>;

export interface UnknownProperty {
  /** JSON pointer to the property, array indices written `*`. */
  pointer: string;
  value: unknown;
}

/**
 * Properties of the body that no schema at their place lists in `properties`, whether or not the schema allows
 * additional ones: the API adds fields before the spec documents them, and an open object would hide them from
 * validation. A place is described by every schema that applies there (allOf parts, and every oneOf/anyOf branch,
 * so a property one branch declares is never reported); where none of them lists `properties` (a free-form
 * object), nothing is reported. One entry per occurrence: the report counts them.
 */
export function unknownProperties(
  body: unknown,
  schema: unknown,
  resolve: (node: unknown) => unknown,
): UnknownProperty[] {
  const found: UnknownProperty[] = [];
  const flatten = (nodes: unknown[]) => flattenSchemas(nodes, resolve);

  const walk = (value: unknown, schemas: Json[], pointer: string) => {
    if (Array.isArray(value)) {
      const items = schemas.flatMap((s) => (s.items === undefined ? [] : [s.items]));
      if (items.length > 0) for (const item of value) walk(item, flatten(items), `${pointer}/*`);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const declared = schemas.filter((s) => s.properties && typeof s.properties === "object");
    const additional = schemas.flatMap((s) =>
      s.additionalProperties && typeof s.additionalProperties === "object" ? [s.additionalProperties] : [],
    );
    for (const [key, child] of Object.entries(value as Json)) {
      const childPointer = `${pointer}/${fieldName(key)}`;
      const own = declared.flatMap((s) => {
        const properties = s.properties as Json;
        return Object.hasOwn(properties, key) ? [properties[key]] : [];
      });
      if (own.length > 0) walk(child, flatten(own), childPointer);
      else if (additional.length > 0) walk(child, flatten(additional), `${pointer}/*`);
      else if (declared.length > 0) found.push({ pointer: childPointer, value: child });
    }
  };

  walk(body, flatten([schema]), "");
  return found;
}

/** Every schema that applies at one place: `$ref`s followed, allOf/oneOf/anyOf flattened. */
export function flattenSchemas(nodes: unknown[], resolve: (node: unknown) => unknown): Json[] {
  const out: Json[] = [];
  const visit = (node: unknown, depth: number) => {
    const schema = resolve(node);
    if (!schema || typeof schema !== "object" || depth > 32 || out.includes(schema as Json)) return;
    out.push(schema as Json);
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      for (const part of ((schema as Json)[key] ?? []) as unknown[]) visit(part, depth + 1);
    }
  };
  for (const node of nodes) visit(node, 0);
  return out;
}

/**
 * A key the schema does not declare, as a pointer segment: its name when it reads like a field name, `*` when it
 * reads like data (an email, an id with dots, a name with spaces). Keys of objects used as maps are values the
 * API's users chose, and a report must not carry them.
 */
export function fieldName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$-]{0,63}$/.test(key) ? key : "*";
}

/**
 * The pointer of an ajv instance path with every segment that is data written `*`: array indices, keys of maps
 * (`additionalProperties`), and undeclared keys that do not read like field names. Declared property names stay.
 */
export function templatePointer(
  body: unknown,
  schema: unknown,
  instancePath: string,
  resolve: (node: unknown) => unknown,
): { pointer: string; value: unknown } {
  let value = body;
  let schemas = flattenSchemas([schema], resolve);
  let pointer = "";
  for (const raw of instancePath.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (Array.isArray(value)) {
      pointer += "/*";
      schemas = flattenSchemas(
        schemas.flatMap((s) => (s.items === undefined ? [] : [s.items])),
        resolve,
      );
    } else {
      const own = schemas.flatMap((s) =>
        s.properties && typeof s.properties === "object" && Object.hasOwn(s.properties, key)
          ? [(s.properties as Json)[key]]
          : [],
      );
      const additional = schemas.flatMap((s) =>
        s.additionalProperties && typeof s.additionalProperties === "object" ? [s.additionalProperties] : [],
      );
      if (own.length > 0) {
        pointer += `/${raw}`;
        schemas = flattenSchemas(own, resolve);
      } else if (additional.length > 0) {
        pointer += "/*";
        schemas = flattenSchemas(additional, resolve);
      } else {
        pointer += `/${fieldName(key) === "*" ? "*" : raw}`;
        schemas = [];
      }
    }
    value = value !== null && typeof value === "object" ? (value as Json)[key] : undefined;
  }
  return { pointer, value };
}
