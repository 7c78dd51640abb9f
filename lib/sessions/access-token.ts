import { randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/config/env";

const ISSUER = "phone-referrals";
const AUDIENCE = "phone-referrals-api";
// Pinned: a token that names another algorithm (none, RS256 with our secret as a key, …) is rejected.
const ALGORITHM = "HS256";

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

let cachedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

/** The HMAC key, imported once: jose would import raw bytes again on every sign and verify. */
function key(): Promise<CryptoKey> {
  const secret = env().JWT_SECRET;
  if (cachedKey?.secret !== secret) {
    const bytes = new TextEncoder().encode(secret);
    cachedKey = { secret, key: crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) };
  }
  return cachedKey.key;
}

export async function signAccessToken({ userId, sessionId }: AccessClaims): Promise<string> {
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(userId)
    // A token id of its own, so that a refresh within the same second still gives a new token.
    .setJti(randomUUID())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${env().ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(await key());
}

/** The claims of a valid access token, or null for anything else (expired, forged, malformed). */
export async function verifyAccessToken(token: string): Promise<AccessClaims | null> {
  try {
    // jose checks `exp` only when a token has one: without requiring it, a token with no expiry would never expire.
    const { payload } = await jwtVerify(token, await key(), {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ["exp", "sub"],
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    return null;
  }
}
