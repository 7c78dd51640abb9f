import { describe, expect, it } from "vitest";
import { isLockWaitFailure } from "./is-lock-wait-failure";

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

describe("isLockWaitFailure", () => {
  it("finds a lock timeout or a broken deadlock on the error or down its causes", () => {
    expect(isLockWaitFailure(pgError("55P03"))).toBe(true);
    expect(isLockWaitFailure(pgError("40P01"))).toBe(true);
    expect(isLockWaitFailure(new Error("query failed", { cause: new Error("driver", { cause: pgError("55P03") }) }))).toBe(true);
  });

  it("is false for other errors and for non-errors", () => {
    expect(isLockWaitFailure(pgError("23505"))).toBe(false);
    expect(isLockWaitFailure(Object.assign(new Error("numeric code"), { code: 55 }))).toBe(false);
    expect(isLockWaitFailure(new Error("plain"))).toBe(false);
    expect(isLockWaitFailure(undefined)).toBe(false);
    expect(isLockWaitFailure("55P03")).toBe(false);
  });
});
