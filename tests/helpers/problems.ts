import { expect } from "vitest";
import type { FieldError } from "@/lib/errors/api-error";
import { type ErrorCode, errorCodes, errorTypeBase } from "@/lib/errors/error-codes";
import type { ApiResponse } from "./api";

/** The extension members some codes always carry; their values are tested where they are decided. */
export const extensionMembers: Partial<Record<string, Record<string, unknown>>> = {
  invalid_code: { attemptsLeft: expect.any(Number) },
  rate_limited: { limit: expect.any(String) },
};

/** The whole problem+json body the API must answer with (the request id is random); `detail` may be a matcher. */
export function problem(code: ErrorCode, detail: unknown, errors?: FieldError[]) {
  const { status, title } = errorCodes[code];
  return {
    ...extensionMembers[code],
    type: `${errorTypeBase}${code.replaceAll("_", "-")}`,
    title,
    status,
    detail,
    code,
    requestId: expect.any(String),
    ...(errors ? { errors } : {}),
  };
}

/** Asserts a problem+json answer, whole body compared. */
export function expectProblem(response: ApiResponse, code: ErrorCode, detail: Parameters<typeof problem>[1], errors?: FieldError[]): void {
  expect(response.headers.get("content-type"), response.text).toBe("application/problem+json; charset=utf-8");
  expect(response.status, response.text).toBe(errorCodes[code].status);
  expect(response.body).toEqual(problem(code, detail, errors));
}

/** Asserts a 429 with a Retry-After (seconds) within the given range. */
export function expectRetryAfter(response: ApiResponse, min: number, max: number): number {
  const value = Number(response.headers.get("retry-after"));
  expect(Number.isInteger(value), `Retry-After: ${response.headers.get("retry-after")}`).toBe(true);
  expect(value).toBeGreaterThanOrEqual(min);
  expect(value).toBeLessThanOrEqual(max);
  return value;
}
