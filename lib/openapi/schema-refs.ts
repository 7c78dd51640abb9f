export type Json = Record<string, unknown>;

export const SCHEMA_REF = "#/components/schemas/";

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every component schema named by a `$ref` inside `value`. */
export function schemaRefs(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => schemaRefs(item, found));
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string" && child.startsWith(SCHEMA_REF)) found.add(child.slice(SCHEMA_REF.length));
      else schemaRefs(child, found);
    }
  }
  return found;
}
