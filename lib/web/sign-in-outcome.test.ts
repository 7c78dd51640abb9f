import { describe, expect, it } from "vitest";
import { codeRequestOutcome, verifyOutcome } from "./sign-in-outcome";

describe("codeRequestOutcome", () => {
  it("takes the resend cooldown as a code already on its way", () => {
    expect(codeRequestOutcome({ code: "rate_limited", limit: "otp_resend", retryAfter: 42 })).toEqual({ kind: "cooldown", seconds: 42 });
  });

  it("shows every other refusal as an error", () => {
    expect(codeRequestOutcome({ code: "rate_limited", limit: "otp_per_phone", retryAfter: 3000 })).toEqual({ kind: "error" });
    expect(codeRequestOutcome({ code: "invalid_phone" })).toEqual({ kind: "error" });
  });
});

describe("verifyOutcome", () => {
  it("lets the person try again while tries are left", () => {
    expect(verifyOutcome({ code: "invalid_code", attemptsLeft: 2 })).toEqual({ kind: "retry" });
    expect(verifyOutcome({ code: "invalid_code" })).toEqual({ kind: "retry" });
  });

  it("asks for a new code after the last try, or when the phone is locked", () => {
    expect(verifyOutcome({ code: "invalid_code", attemptsLeft: 0 })).toEqual({ kind: "new-code-needed" });
    expect(verifyOutcome({ code: "too_many_attempts", retryAfter: 30 })).toEqual({ kind: "new-code-needed", seconds: 30 });
  });

  it("shows anything else as an error", () => {
    expect(verifyOutcome({ code: "account_blocked" })).toEqual({ kind: "error" });
  });
});
