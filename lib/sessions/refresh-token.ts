import { createHash, randomBytes } from "node:crypto";

/** An opaque refresh token: 256 random bits. Only its SHA-256 is stored. */
export function generateRefreshToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
