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

/** zod's JSON Schema made fit for components: no per-schema `$schema`/`$id`, no ±2^53 bounds on integers. */
export function tidySchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidySchema);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "$schema" || key === "$id") continue;
    if ((key === "minimum" || key === "maximum") && Math.abs(child as number) === Number.MAX_SAFE_INTEGER) continue;
    out[key] = tidySchema(child);
  }
  return out;
}
