import { expect, it } from "vitest";
import { z } from "zod";
import { zodParameters } from "./zod-parameters";

it("turns a query schema into the parameters that validation accepts, named schemas inlined", () => {
  const term = z.string().min(1).describe("Search text.").meta({ id: "SearchTerm", example: "+7999" });
  const query = z.strictObject({ q: term, limit: z.coerce.number().int().min(1).default(20) }).meta({ id: "SearchQuery" });
  expect(zodParameters(query, "query")).toEqual([
    { name: "q", in: "query", required: true, description: "Search text.", schema: { type: "string", minLength: 1 }, example: "+7999" },
    { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, default: 20 } },
  ]);
});

it("makes every path parameter required", () => {
  const params = z.strictObject({ id: z.uuid().optional().describe("The id.") });
  expect(zodParameters(params, "path")).toMatchObject([{ name: "id", in: "path", required: true, description: "The id.", schema: { format: "uuid" } }]);
});

it("refuses a schema that is not an object, and a recursive one", () => {
  expect(() => zodParameters(z.string(), "query")).toThrow("The query schema must be a z.object");
  const node: z.ZodType = z.object({ child: z.lazy(() => node).optional() }).meta({ id: "Node" });
  expect(() => zodParameters(z.object({ node }), "query")).toThrow("The schema Node is recursive");
});
