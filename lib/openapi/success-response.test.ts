import { describe, expect, it } from "vitest";
import { z } from "zod";
import { applySuccessResponse } from "./success-response";

const thing = z.object({ name: z.string() }).meta({ id: "SuccessResponseTestThing" });
const where = "GET /things";

describe("applySuccessResponse", () => {
  it("documents a 200 with the schema's component as its JSON content, next to the block's responses", () => {
    const responses = applySuccessResponse({ where, responses: { "404": { description: "x" } }, response: { description: "The thing.", schema: thing } });
    expect(responses).toEqual({
      "404": { description: "x" },
      "200": { description: "The thing.", content: { "application/json": { schema: { $ref: "#/components/schemas/SuccessResponseTestThing" } } } },
    });
  });

  it("documents another status, without content when there is no schema", () => {
    expect(applySuccessResponse({ where, responses: {}, response: { status: 204, description: "Gone." } })).toEqual({ "204": { description: "Gone." } });
  });

  it("lets the block extend the generated response, but not write its content", () => {
    const headers = { "Cache-Control": { schema: { type: "string" } } };
    const responses = applySuccessResponse({ where, responses: { "200": { headers } }, response: { description: "The thing.", schema: thing } });
    expect(responses["200"]).toMatchObject({ description: "The thing.", headers, content: { "application/json": {} } });
    expect(() => applySuccessResponse({ where, responses: { "200": { content: {} } }, response: { description: "d", schema: thing } })).toThrow(
      "GET /things: the 200 response is generated from route({ response }); remove its content from the block.",
    );
    expect(() => applySuccessResponse({ where, responses: { "200": "text" }, response: { description: "d" } })).toThrow("the 200 response must be an object");
  });

  it("refuses a schema without a component name", () => {
    expect(() => applySuccessResponse({ where, responses: {}, response: { description: "d", schema: z.object({}) } })).toThrow(
      "GET /things: give the response schema a component name, .meta({ id }).",
    );
  });
});
