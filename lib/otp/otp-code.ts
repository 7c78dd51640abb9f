import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { derivedKey } from "@/lib/crypto/derived-key";
import type { OtpPurpose } from "@/db/schema";

/** `length` digits from a cryptographic random source, leading zeros kept. */
export function generateOtpCode(length: number): string {
  return randomInt(0, 10 ** length).toString().padStart(length, "0");
}

interface CodeScope {
  purpose: OtpPurpose;
  phone: string;
  subject: string;
}

/** HMAC-SHA256 of the code bound to its purpose, phone and subject: a stolen table row reveals no code. */
export function hashOtpCode({ code, ...scope }: CodeScope & { code: string }): string {
  return createHmac("sha256", derivedKey("otpCodeHash"))
    .update(`${scope.purpose}\u0000${scope.phone}\u0000${scope.subject}\u0000${code}`)
    .digest("base64url");
}

/** Constant-time comparison of a candidate code with a stored hash. */
export function otpCodeMatches(input: CodeScope & { code: string; hash: string }): boolean {
  const expected = Buffer.from(input.hash);
  const actual = Buffer.from(hashOtpCode(input));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
