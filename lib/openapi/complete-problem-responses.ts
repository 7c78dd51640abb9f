import { type ErrorCode, errorCodes } from "@/lib/errors/error-codes";
import { problemBody } from "@/lib/http/problem";
import { namedCodes } from "./merge-problem-responses";
import { isObject, type Json } from "./schema-refs";

const PROBLEM_JSON = "application/problem+json";

const exampleDetails: Partial<Record<ErrorCode, string>> = {
  invalid_json: "The request body is not valid JSON: Unexpected end of JSON input",
  validation_error: "The request body has invalid or missing fields.",
  invite_code_not_found: "There is no invite code ZZZZZZ. Check it and try again.",
  invite_already_activated: "You have already activated the invite code TI0MFX; an account can activate only one.",
  invalid_phone: "\"12\" is not a valid phone number.",
  unauthorized: "Sign in first: send Authorization: Bearer <accessToken>.",
  invalid_token: "The session has ended. Sign in again.",
  invalid_code: "The code is wrong. 2 tries left.",
  rate_limited: "A code was sent to this number a moment ago. Please wait before asking for another.",
  too_many_attempts: "Too many wrong tries for this code. Request a new code.",
  sms_failed: "The SMS could not be sent. Please try again in a moment.",
  service_unavailable: "The database is unavailable. Please try again shortly.",
};

/**
 * An error response names its codes in backticks in the description. Each code must exist and have the
 * response's status; the response gets the problem+json content (when the block gives none), one example per
 * code built by the same function the API uses, and `Retry-After` for 429 and 503.
 */
export function completeProblemResponse({ where, status, response }: { where: string; status: string; response: Json }): void {
  if (Number(status) >= 400) response.content ??= { [PROBLEM_JSON]: { schema: { $ref: "#/components/schemas/Problem" } } };
  const media = (response.content as Record<string, Json> | undefined)?.[PROBLEM_JSON];
  if (!media) return;
  const words = [...namedCodes(response.description)];
  const unknown = words.find((word) => word.includes("_") && !(word in errorCodes));
  if (unknown) throw new Error(`${where}: \`${unknown}\` is not in lib/errors/error-codes.ts.`);
  const codes = words.filter((word): word is ErrorCode => word in errorCodes);
  if (codes.length === 0) throw new Error(`${where}: name its error codes in backticks in the description.`);
  for (const code of codes) {
    if (String(errorCodes[code].status) !== status) throw new Error(`${where}: \`${code}\` is answered with ${errorCodes[code].status}.`);
  }
  media.examples = Object.fromEntries(
    codes.map((code) => {
      const errors = code === "validation_error" ? [{ path: "phone", message: "Enter a phone number." }] : undefined;
      const value = { ...problemBody(code, exampleDetails[code] ?? `${errorCodes[code].title}.`, errors), requestId: "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b" };
      return [code, { summary: errorCodes[code].title, value }];
    }),
  );
  if (status === "429" || status === "503") {
    response.headers = {
      "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer", minimum: 1 } },
      ...(response.headers as Json | undefined),
    };
  }
}

/** Completes every written (not referenced) response of every operation. */
export function completeProblemResponses({ paths }: { paths: Json }): void {
  for (const [route, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations as Json)) {
      for (const [status, response] of Object.entries((operation as Json).responses as Json)) {
        if (isObject(response) && !("$ref" in response)) completeProblemResponse({ where: `${method.toUpperCase()} ${route} ${status}`, status, response });
      }
    }
  }
}
