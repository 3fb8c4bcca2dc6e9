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

  /** Every schema that applies at one place: `$ref`s followed, allOf/oneOf/anyOf flattened. */
  const flatten = (nodes: unknown[]): Json[] => {
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
  };

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
      const childPointer = `${pointer}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
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
