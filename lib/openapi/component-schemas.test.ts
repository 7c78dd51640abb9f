import { describe, expect, it } from "vitest";
import { z } from "zod";
import { componentSchemas } from "./component-schemas";

function registryWith(schemas: Record<string, z.ZodType>) {
  const registry = z.registry<{ id?: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  return registry;
}

const json = (ref: string) => ({ content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } } });

describe("componentSchemas", () => {
  const item = z.object({ name: z.string().trim(), count: z.number().int() });
  const request = z.strictObject({ item, size: z.coerce.number().default(10) });

  it("uses the input side for requests, the output side for responses, and follows references", () => {
    const registry = registryWith({ Item: item, CreateRequest: request, Created: z.object({ id: z.string() }) });
    const schemas = componentSchemas({
      registry,
      paths: { "/things": { post: { requestBody: json("CreateRequest"), responses: { "200": json("Created") } } } },
    });
    expect(Object.keys(schemas)).toEqual(["Created", "CreateRequest", "Item"]);
    // Input: `size` may be left out (it has a default); output: everything is there.
    expect(schemas.CreateRequest).toMatchObject({ required: ["item"], additionalProperties: false });
    expect(schemas.Created).toEqual({
      type: "object",
      properties: { id: { type: "string" } },
      required: ["id"],
      additionalProperties: false,
    });
    expect(schemas.Item).toEqual({
      type: "object",
      properties: { name: { type: "string" }, count: { type: "integer" } },
      required: ["name", "count"],
    });
  });

  it("refuses a reference to a schema that no zod schema declares", () => {
    expect(() => componentSchemas({ registry: registryWith({}), paths: { "/x": { get: { responses: { "200": json("Missing") } } } } })).toThrow(
      'no zod schema has .meta({ id: "Missing" })',
    );
  });

  it("refuses a schema used by requests and responses that differs between the sides", () => {
    const registry = registryWith({ Page: z.object({ limit: z.number().default(50) }) });
    const paths = { "/x": { post: { requestBody: json("Page"), responses: { "200": json("Page") } } } };
    expect(() => componentSchemas({ registry, paths })).toThrow("Schema Page is used by both requests and responses");
  });

  it("accepts a schema used on both sides when it is the same (a z.object is not: requests may carry extra keys)", () => {
    const registry = registryWith({ Same: z.strictObject({ id: z.string() }) });
    const paths = { "/x": { post: { requestBody: json("Same"), responses: { "200": json("Same") } } } };
    expect(Object.keys(componentSchemas({ registry, paths }))).toEqual(["Same"]);
  });
});
