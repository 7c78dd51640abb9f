import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { JWK } from "jose";
import { derivedKey } from "@/lib/crypto/derived-key";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A private JWK as stored: `v1.` and base64url(iv ‖ ciphertext ‖ tag), AES-256-GCM under the key derived from
 * JWT_SECRET for this purpose. The key id is the additional data, so a ciphertext moved to another row fails.
 */
export function encryptPrivateJwk({ kid, jwk }: { kid: string; jwk: JWK }): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", derivedKey("signingKeyEncryption"), iv).setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(jwk), "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64url")}`;
}

/** The private JWK back; throws when JWT_SECRET is not the one that encrypted it, or the text was altered. */
export function decryptPrivateJwk({ kid, encrypted }: { kid: string; encrypted: string }): JWK {
  const [version, payload] = encrypted.split(".");
  if (version !== VERSION || !payload) throw new Error(`signing key ${kid}: unknown encryption format`);
  const bytes = Buffer.from(payload, "base64url");
  if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error(`signing key ${kid}: ciphertext too short`);
  const decipher = createDecipheriv("aes-256-gcm", derivedKey("signingKeyEncryption"), bytes.subarray(0, IV_BYTES))
    .setAAD(Buffer.from(kid))
    .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString("utf8")) as JWK;
  } catch {
    throw new Error(`signing key ${kid} cannot be decrypted: JWT_SECRET is not the one it was stored with`);
  }
}
