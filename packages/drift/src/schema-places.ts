import type { ResponseSchemas } from "./validator-table.js";

type Json = Record<string, unknown>;

/** A schema node and where it is in the overlaid spec (a JSON pointer such as `#/components/schemas/Gate`). */
export interface SchemaPlace {
  node: Json;
  pointer: string;
}

/**
 * The schemas that apply at a place of a response body (`segments` of a finding's pointer, `*` for array items),
 * from the response's schema at `rootPointer`: `$ref`s followed to where they point (an action must change the
 * referenced schema: OpenAPI 3.0 ignores siblings of a `$ref`), allOf/oneOf/anyOf members included after their
 * parent. The schema the place itself names comes first.
 */
export function schemaPlaces(
  schemas: ResponseSchemas,
  rootPointer: string,
  segments: readonly string[],
): SchemaPlace[] {
  let places = expand(schemas, [{ node: nodeAt(schemas, rootPointer), pointer: rootPointer }]);
  for (const segment of segments) {
    const next: SchemaPlace[] = [];
    for (const place of places) {
      if (segment === "*") {
        // An array's items, or a map's values (`*` stands for both in a finding's pointer).
        if (isObject(place.node.items)) next.push({ node: place.node.items, pointer: `${place.pointer}/items` });
        else if (isObject(place.node.additionalProperties)) {
          next.push({ node: place.node.additionalProperties, pointer: `${place.pointer}/additionalProperties` });
        }
        continue;
      }
      const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
      const properties = place.node.properties;
      if (isObject(properties) && isObject(properties[key])) {
        next.push({ node: properties[key], pointer: `${place.pointer}/properties/${segment}` });
      } else if (isObject(place.node.additionalProperties)) {
        next.push({ node: place.node.additionalProperties, pointer: `${place.pointer}/additionalProperties` });
      }
    }
    places = expand(schemas, next);
  }
  return places;
}

function expand(schemas: ResponseSchemas, places: SchemaPlace[]): SchemaPlace[] {
  const out: SchemaPlace[] = [];
  const visit = (place: SchemaPlace, depth: number) => {
    let current = place;
    for (let hops = 0; hops < 32 && typeof current.node.$ref === "string"; hops++) {
      current = { node: nodeAt(schemas, current.node.$ref), pointer: current.node.$ref };
    }
    if (depth > 32 || out.some((seen) => seen.pointer === current.pointer)) return;
    out.push(current);
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      const members = current.node[key];
      if (!Array.isArray(members)) continue;
      members.forEach((member, index) => {
        if (isObject(member)) visit({ node: member, pointer: `${current.pointer}/${key}/${index}` }, depth + 1);
      });
    }
  };
  for (const place of places) visit(place, 0);
  return out;
}

/**
 * The node at a pointer of the overlaid spec. The generated tables hold what a response check can reach: each
 * response's schema (by its location) and `components.schemas`.
 */
function nodeAt(schemas: ResponseSchemas, pointer: string): Json {
  const rootOf = (): [Json, string[]] | undefined => {
    for (const [operation, statuses] of Object.entries(schemas.locations)) {
      for (const [status, media] of Object.entries(statuses)) {
        for (const [type, location] of Object.entries(media)) {
          if (location && (pointer === location || pointer.startsWith(`${location}/`))) {
            const rest = pointer.slice(location.length).split("/").slice(1);
            return [schemas.responses[operation]?.[status]?.[type] as Json, rest];
          }
        }
      }
    }
    if (pointer.startsWith("#/components/schemas/")) {
      return [schemas as unknown as Json, pointer.slice(2).split("/")];
    }
    return undefined;
  };
  const found = rootOf();
  let node: unknown = found?.[0];
  for (const raw of found?.[1] ?? []) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = isObject(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  return isObject(node) ? node : {};
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
