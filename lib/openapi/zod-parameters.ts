import { z } from "zod";
import { isObject, type Json, tidySchema } from "./schema-refs";

const DEFS_REF = "#/$defs/";

/** zod writes named schemas (`.meta({ id })`) as `$defs`; a parameter's schema stands alone, so they are inlined. */
function inlineDefs(root: Json): Json {
  const defs = isObject(root.$defs) ? root.$defs : {};
  const inline = (value: unknown, depth: number): unknown => {
    if (Array.isArray(value)) return value.map((item) => inline(item, depth));
    if (!isObject(value)) return value;
    const { $ref, ...rest } = value;
    const entries = Object.entries(rest).filter(([key]) => key !== "$defs").map(([key, child]) => [key, inline(child, depth)]);
    if (typeof $ref !== "string" || !$ref.startsWith(DEFS_REF)) return Object.fromEntries(entries);
    if (depth > 8) throw new Error(`The schema ${$ref.slice(DEFS_REF.length)} is recursive; a parameter cannot be.`);
    return { ...(inline(defs[$ref.slice(DEFS_REF.length)], depth + 1) as Json), ...Object.fromEntries(entries) };
  };
  return inline(root, 0) as Json;
}

/**
 * The parameters a zod object validates, one per property of its input side (what validation accepts), so the
 * documented parameters are the validated ones. Path parameters are always required.
 */
export function zodParameters(schema: z.ZodType, location: "query" | "path"): Json[] {
  const json = inlineDefs(z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }));
  if (!isObject(json.properties)) throw new Error(`The ${location} schema must be a z.object (or z.strictObject).`);
  const required = new Set(Array.isArray(json.required) ? json.required : []);
  return Object.entries(json.properties).map(([name, property]) => {
    const { description, example, ...rest } = property as Json;
    return {
      name,
      in: location,
      required: location === "path" || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: tidySchema(rest),
      ...(example === undefined ? {} : { example }),
    };
  });
}
