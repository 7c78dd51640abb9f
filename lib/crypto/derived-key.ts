import { hkdfSync } from "node:crypto";
import { env } from "@/lib/config/env";

/**
 * What each key derived from JWT_SECRET is for. Each purpose has its own HKDF label, so a key says nothing about
 * another: a leaked code-hash key does not decrypt the signing keys, and the other way round.
 */
export const DERIVED_KEY_LABELS = {
  otpCodeHash: "phone-referrals/otp-code-hash/v2",
  signingKeyEncryption: "phone-referrals/signing-key-encryption/v1",
} as const;

const cache = new Map<string, Buffer>();

/** A 256-bit key for one purpose: HKDF-SHA256 of JWT_SECRET with that purpose's label. */
export function derivedKey(purpose: keyof typeof DERIVED_KEY_LABELS): Buffer {
  const secret = env().JWT_SECRET;
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), DERIVED_KEY_LABELS[purpose], 32));
    cache.clear();
    cache.set(cacheKey, key);
  }
  return key;
}
