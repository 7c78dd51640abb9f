import { describe, expect, it } from "vitest";
import { isDeadlock, isLockWaitFailure, isUniqueViolation } from "./errors";

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
const withCause = (cause: unknown, message = "query failed") => new Error(message, { cause });

describe("isUniqueViolation", () => {
  it("tells which constraint was violated, for both drivers", () => {
    const postgresJs = withCause(Object.assign(new Error("dup"), { code: "23505", constraint_name: "users_phone_unique" }));
    const pglite = withCause(Object.assign(new Error("dup"), { code: "23505", constraint: "users_invite_code_unique" }));
    expect(isUniqueViolation(postgresJs)).toBe(true);
    expect(isUniqueViolation(postgresJs, "users_phone_unique")).toBe(true);
    expect(isUniqueViolation(postgresJs, "users_invite_code_unique")).toBe(false);
    expect(isUniqueViolation(pglite, "users_invite_code_unique")).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });
});

describe("isDeadlock", () => {
  it("recognises a deadlock wherever the driver wrapped it, and nothing else", () => {
    expect(isDeadlock(withCause(Object.assign(new Error("deadlock detected"), { code: "40P01" })))).toBe(true);
    expect(isDeadlock(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(true);
    expect(isDeadlock(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isDeadlock(new Error("other"))).toBe(false);
  });
});

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
