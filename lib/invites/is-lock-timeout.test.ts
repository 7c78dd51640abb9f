import { describe, expect, it } from "vitest";
import { isLockTimeout } from "./is-lock-timeout";

describe("isLockTimeout", () => {
  it("finds lock_not_available on the error or down its causes", () => {
    expect(isLockTimeout(Object.assign(new Error("lock timeout"), { code: "55P03" }))).toBe(true);
    expect(isLockTimeout(new Error("query failed", { cause: new Error("driver", { cause: Object.assign(new Error("pg"), { code: "55P03" }) }) }))).toBe(true);
  });

  it("is false for other errors and for non-errors", () => {
    expect(isLockTimeout(Object.assign(new Error("deadlock"), { code: "40P01" }))).toBe(false);
    expect(isLockTimeout(new Error("plain"))).toBe(false);
    expect(isLockTimeout(undefined)).toBe(false);
    expect(isLockTimeout("55P03")).toBe(false);
  });
});
