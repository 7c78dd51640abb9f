import { expect, it } from "vitest";
import { z } from "zod";
import { queryParameters } from "./query-parameters";

it("turns x-query-schema into the query parameters that validation accepts, after any written ones", () => {
  const registry = z.registry<{ id?: string }>();
  registry.add(
    z.strictObject({
      q: z.string().min(1).describe("Search text.").meta({ example: "+7999" }),
      limit: z.coerce.number().int().min(1).default(20),
    }),
    { id: "SearchQuery" },
  );
  const pathParameter = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const paths = { "/things/{id}": { get: { "x-query-schema": "SearchQuery", parameters: [pathParameter] } as Record<string, unknown> } };
  queryParameters({ paths, registry });
  expect(paths["/things/{id}"].get).toEqual({
    parameters: [
      pathParameter,
      { name: "q", in: "query", required: true, description: "Search text.", schema: { type: "string", minLength: 1 }, example: "+7999" },
      { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 20 } },
    ],
  });
});

it("refuses an unknown query schema", () => {
  const paths = { "/x": { get: { "x-query-schema": "Nope" } } };
  expect(() => queryParameters({ paths, registry: z.registry<{ id?: string }>() })).toThrow('GET /x: x-query-schema "Nope" is not a zod object');
});
