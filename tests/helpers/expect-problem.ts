import { expect } from "vitest";
import { type ErrorCode, errorCodes, errorTypeBase } from "@/lib/errors/error-codes";
import type { FieldError } from "@/lib/errors/api-error";
import type { ApiResponse } from "./api";
import { extensionMembers } from "./problems";

/** Asserts a whole problem+json answer: status, content type and body (detail as given or any sentence). */
export function expectProblem(
  response: ApiResponse,
  code: ErrorCode,
  { detail, errors }: { detail?: string | RegExp; errors?: FieldError[] } = {},
): void {
  const { status, title } = errorCodes[code];
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual({
    ...extensionMembers[code],
    type: `${errorTypeBase}${code.replaceAll("_", "-")}`,
    title,
    status,
    code,
    detail: detail instanceof RegExp ? expect.stringMatching(detail) : (detail ?? expect.any(String)),
    requestId: expect.any(String),
    ...(errors ? { errors } : {}),
  });
}
