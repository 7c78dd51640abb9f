import { describe, expect, it } from "vitest";
import { completeProblemResponse, completeProblemResponses } from "./complete-problem-responses";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

describe("completeProblemResponses", () => {
  it("adds one example per listed code, built like the API's answers, and Retry-After to 429", () => {
    const paths = {
      "/x": {
        post: {
          responses: {
            "200": { description: "ok" },
            "400": problem("`validation_error` (unknown fields), `invalid_json`; see `phone`."),
            "429": problem("`rate_limited`: wait."),
          },
        },
      },
    };
    completeProblemResponses({ paths });
    const responses = paths["/x"].post.responses as Record<string, any>;
    const examples = responses["400"].content["application/problem+json"].examples;
    expect(Object.keys(examples)).toEqual(["validation_error", "invalid_json"]);
    expect(examples.validation_error).toEqual({
      summary: "Validation failed",
      value: {
        type: "https://phone-referrals.dev/problems/validation-error",
        title: "Validation failed",
        status: 400,
        detail: "The request body has invalid or missing fields.",
        code: "validation_error",
        errors: [{ path: "phone", message: "Enter a phone number." }],
        requestId: "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
      },
    });
    expect(responses["429"].headers["Retry-After"].schema).toEqual({ type: "integer", minimum: 1 });
    expect(responses["200"]).toEqual({ description: "ok" });
  });

  it("gives an error response written without content the problem+json one, and leaves references alone", () => {
    const shared = { $ref: "#/components/responses/Unauthorized" };
    const paths = { "/x": { get: { responses: { "401": shared, "503": { description: "`service_unavailable`." } } } } };
    completeProblemResponses({ paths });
    const responses = paths["/x"].get.responses as Record<string, any>;
    expect(responses["401"]).toEqual(shared);
    expect(responses["503"].content["application/problem+json"].schema).toEqual({ $ref: "#/components/schemas/Problem" });
    expect(Object.keys(responses["503"].headers)).toEqual(["Retry-After"]);
  });

  it("completes one shared response by its status", () => {
    const response: Record<string, any> = { description: "`payload_too_large`: too big." };
    completeProblemResponse({ where: "components.responses.PayloadTooLarge", status: "413", response });
    expect(Object.keys(response.content["application/problem+json"].examples)).toEqual(["payload_too_large"]);
    expect(() => completeProblemResponse({ where: "here", status: "400", response: { description: "`payload_too_large`" } })).toThrow(
      "here: `payload_too_large` is answered with 413.",
    );
  });

  it.each([
    ["no code named", "Bad request.", "name its error codes in backticks"],
    ["an unknown code", "`no_such_code`", "`no_such_code` is not in lib/errors/error-codes.ts"],
    ["a code of another status", "`invite_cycle`", "`invite_cycle` is answered with 422"],
  ])("refuses a description with %s", (_case, description, message) => {
    const paths = { "/x": { get: { responses: { "400": problem(description) } } } };
    expect(() => completeProblemResponses({ paths })).toThrow(message);
  });
});
