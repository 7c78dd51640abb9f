import { describe, expect, it } from "vitest";
import { completeProblemResponses } from "./complete-problem-responses";

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

  it.each([
    ["no code named", "Bad request.", "name its error codes in backticks"],
    ["an unknown code", "`no_such_code`", "`no_such_code` is not in lib/errors/error-codes.ts"],
    ["a code of another status", "`invite_cycle`", "`invite_cycle` is answered with 422"],
  ])("refuses a description with %s", (_case, description, message) => {
    const paths = { "/x": { get: { responses: { "400": problem(description) } } } };
    expect(() => completeProblemResponses({ paths })).toThrow(message);
  });
});
