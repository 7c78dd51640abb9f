import { z } from "zod";
import { isObject, type Json, SCHEMA_REF, schemaRefs, tidySchema } from "./schema-refs";

type Side = "input" | "output";
type Registry = z.core.$ZodRegistry<{ id?: string }>;

function registrySchemas(registry: Registry, io: Side): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io, uri: (id) => `${SCHEMA_REF}${id}` });
  return schemas;
}

/**
 * Component schemas for exactly the schemas the operations use: request bodies and parameters get zod's input
 * side (what validation accepts), responses its output side (what handlers send). A schema used on both sides
 * must look the same on both, or the document could not be true for one of them.
 */
export function componentSchemas({ paths, registry = z.globalRegistry }: { paths: Json; registry?: Registry }): Record<string, unknown> {
  const sides = { input: registrySchemas(registry, "input"), output: registrySchemas(registry, "output") };
  const uses = { input: new Set<string>(), output: new Set<string>() };
  for (const operations of Object.values(paths).filter(isObject)) {
    for (const operation of Object.values(operations).filter(isObject)) {
      schemaRefs([operation.requestBody, operation.parameters], uses.input);
      schemaRefs(operation.responses, uses.output);
    }
  }
  const chosen: Record<string, unknown> = {};
  const visit = (id: string, side: Side) => {
    const schema = sides[side][id];
    if (schema === undefined) throw new Error(`The OpenAPI blocks reference ${SCHEMA_REF}${id}, but no zod schema has .meta({ id: "${id}" }).`);
    if (id in chosen) {
      if (JSON.stringify(chosen[id]) !== JSON.stringify(tidySchema(schema))) {
        throw new Error(`Schema ${id} is used by both requests and responses but validates differently on each side (z.object strips unknown keys in requests); use z.strictObject or two schemas.`);
      }
      return;
    }
    chosen[id] = tidySchema(schema);
    schemaRefs(schema).forEach((ref) => visit(ref, side));
  };
  uses.input.forEach((id) => visit(id, "input"));
  uses.output.forEach((id) => visit(id, "output"));
  return Object.fromEntries(Object.entries(chosen).sort(([a], [b]) => a.localeCompare(b)));
}
