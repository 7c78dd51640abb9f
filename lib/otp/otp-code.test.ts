import type * as NodeCrypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { generateOtpCode, hashOtpCode, otpCodeMatches } from "./otp-code";

const crypto = vi.hoisted(() => ({ timingSafeEqualCalls: 0 }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      crypto.timingSafeEqualCalls += 1;
      return actual.timingSafeEqual(a, b);
    },
  };
});

const scope = { purpose: "sign_in", phone: "+79991234567", subject: "" } as const;

describe("generateOtpCode", () => {
  it.each([4, 6, 8])("gives %i digits", (length) => {
    for (let i = 0; i < 200; i++) expect(generateOtpCode(length)).toMatch(new RegExp(`^\\d{${length}}$`));
  });

  it("keeps leading zeros and spreads over the digits", () => {
    const codes = Array.from({ length: 3000 }, () => generateOtpCode(4));
    expect(codes.some((code) => code.startsWith("0"))).toBe(true);
    expect(new Set(codes.map((code) => code[0])).size).toBe(10);
    expect(new Set(codes).size).toBeGreaterThan(2000);
  });
});

describe("hashOtpCode", () => {
  it("is a keyed hash that does not contain the code", () => {
    const hash = hashOtpCode({ ...scope, code: "1234" });
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain("1234");
    expect(hashOtpCode({ ...scope, code: "1234" })).toBe(hash);
  });

  it("binds the code to its purpose, phone and subject", () => {
    const hash = hashOtpCode({ ...scope, code: "1234" });
    expect(hashOtpCode({ ...scope, code: "1235" })).not.toBe(hash);
    expect(hashOtpCode({ ...scope, purpose: "phone_change", code: "1234" })).not.toBe(hash);
    expect(hashOtpCode({ ...scope, phone: "+79991234568", code: "1234" })).not.toBe(hash);
    expect(hashOtpCode({ ...scope, subject: "user-1", code: "1234" })).not.toBe(hash);
  });
});

describe("otpCodeMatches", () => {
  const hash = hashOtpCode({ ...scope, code: "0420" });

  it("accepts the right code and refuses others, comparing in constant time", () => {
    crypto.timingSafeEqualCalls = 0;
    expect(otpCodeMatches({ ...scope, code: "0420", hash })).toBe(true);
    expect(otpCodeMatches({ ...scope, code: "0421", hash })).toBe(false);
    expect(otpCodeMatches({ ...scope, code: "420", hash })).toBe(false);
    expect(otpCodeMatches({ ...scope, subject: "other", code: "0420", hash })).toBe(false);
    expect(crypto.timingSafeEqualCalls).toBe(4);
  });

  it("refuses a stored hash of another length without throwing", () => {
    expect(otpCodeMatches({ ...scope, code: "0420", hash: "short" })).toBe(false);
    expect(otpCodeMatches({ ...scope, code: "0420", hash: "" })).toBe(false);
  });
});
