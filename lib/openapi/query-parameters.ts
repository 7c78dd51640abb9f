import { z } from "zod";
import { isObject, type Json, SCHEMA_REF, tidySchema } from "./schema-refs";

type Registry = z.core.$ZodRegistry<{ id?: string }>;

/**
 * An operation's `x-query-schema: <id>` becomes its query parameters, one per property of that zod schema's input
 * side (what the route's validation accepts), so the documented parameters are the validated ones.
 */
export function queryParameters({ paths, registry = z.globalRegistry }: { paths: Json; registry?: Registry }): void {
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io: "input", uri: (id) => `${SCHEMA_REF}${id}` });
  for (const [route, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations as Record<string, Json>)) {
      const id = operation["x-query-schema"];
      if (id === undefined) continue;
      delete operation["x-query-schema"];
      const schema: unknown = typeof id === "string" ? schemas[id] : undefined;
      if (!isObject(schema) || !isObject(schema.properties)) {
        throw new Error(`${method.toUpperCase()} ${route}: x-query-schema ${JSON.stringify(id)} is not a zod object with .meta({ id }).`);
      }
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const generated = Object.entries(schema.properties).map(([name, property]) => {
        const { description, example, ...rest } = property as Json;
        return {
          name,
          in: "query",
          required: required.has(name),
          ...(description === undefined ? {} : { description }),
          schema: tidySchema(rest),
          ...(example === undefined ? {} : { example }),
        };
      });
      operation.parameters = [...((operation.parameters as unknown[] | undefined) ?? []), ...generated];
    }
  }
}
