import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";

describe("ApiError", () => {
  it("takes its status from the table and rounds Retry-After up to at least a second", () => {
    expect(new ApiError("rate_limited", "x", { retryAfter: 2.1 })).toMatchObject({ status: 429, retryAfter: 3 });
    expect(new ApiError("rate_limited", "x", { retryAfter: 0 }).retryAfter).toBe(1);
    expect(new ApiError("rate_limited", "x", { retryAfter: -10 }).retryAfter).toBe(1);
    expect(new ApiError("invalid_code", "x").retryAfter).toBeUndefined();
  });
});
