import { describe, expect, it } from "vitest";
import { z } from "zod";
import { applyRouteConfig } from "./apply-route-config";

const body = z.strictObject({ name: z.string() }).meta({ id: "ApplyRouteConfigTestRequest" });
const query = z.strictObject({ limit: z.coerce.number().int().default(20) });
const block = () => ({ operationId: "x", responses: { "200": { description: "ok" } } }) as Record<string, unknown>;

describe("applyRouteConfig", () => {
  it("generates security, request body, parameters and the shared problems from the configuration", () => {
    const operation = block();
    const referenced = applyRouteConfig({ urlPath: "/things/{id}", method: "patch", operation, config: { auth: "admin", body, params: z.strictObject({ id: z.uuid() }), query } });
    expect(operation.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(operation.requestBody).toEqual({ required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/ApplyRouteConfigTestRequest" } } } });
    expect(operation.parameters).toMatchObject([
      { name: "id", in: "path", required: true },
      { name: "limit", in: "query", required: false },
    ]);
    expect(Object.keys(operation.responses as object)).toEqual(["200", "400", "401", "403", "413", "415", "503"]);
    expect(referenced).toEqual(["Unauthorized", "PayloadTooLarge", "UnsupportedMediaType", "DatabaseUnavailable"]);
  });

  it("documents an optional body as not required, and optional sign-in as optional", () => {
    const operation = block();
    applyRouteConfig({ urlPath: "/x", method: "post", operation, config: { auth: "optional", body: body.optional(), bodyOptional: true } });
    expect(operation.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }, {}]);
    expect((operation.requestBody as { required: boolean }).required).toBe(false);
    expect(operation).not.toHaveProperty("parameters");
  });

  it("keeps path parameters the block writes", () => {
    const written = { name: "id", in: "path", required: true, description: "Written.", schema: { type: "string" } };
    const operation = { ...block(), parameters: [written] };
    applyRouteConfig({ urlPath: "/things/{id}", method: "get", operation, config: { params: z.strictObject({ id: z.uuid() }) } });
    expect(operation.parameters).toEqual([written]);
  });

  it("generates the success answer from route({ response })", () => {
    const operation = block();
    applyRouteConfig({ urlPath: "/x", method: "post", operation, config: { body, response: { status: 201, description: "Created.", schema: body } } });
    expect((operation.responses as Record<string, unknown>)["201"]).toEqual({
      description: "Created.",
      content: { "application/json": { schema: { $ref: "#/components/schemas/ApplyRouteConfigTestRequest" } } },
    });
  });

  it("makes a handler without route() public and adds nothing else", () => {
    const operation = block();
    expect(applyRouteConfig({ urlPath: "/health", method: "get", operation })).toEqual([]);
    expect(operation).toEqual({ ...block(), security: [] });
  });

  it.each([
    ["security", { security: [] }, {}, "GET /x: security is generated from route({ auth })"],
    ["a request body", { requestBody: {} }, { body }, "the request body is generated from route({ body })"],
    ["query parameters", { parameters: [{ name: "limit", in: "query" }] }, { query }, "the query parameters are generated from route({ query })"],
  ])("refuses %s written in the block as well", (_case, written, config, message) => {
    expect(() => applyRouteConfig({ urlPath: "/x", method: "get", operation: { ...block(), ...written }, config })).toThrow(message);
  });

  it("refuses an undocumented path parameter and a body schema without a component name", () => {
    expect(() => applyRouteConfig({ urlPath: "/things/{id}", method: "get", operation: block(), config: {} })).toThrow("document the path parameter {id}");
    expect(() => applyRouteConfig({ urlPath: "/x", method: "post", operation: block(), config: { body: z.object({}) } })).toThrow(
      'POST /x: give the body schema a component name, .meta({ id: "…Request" })',
    );
  });
});
