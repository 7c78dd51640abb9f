import { randomUUID } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import type { Executor } from "@/db";
import { env } from "@/lib/config/env";
import { SIGNING_ALGORITHM, signingKeySet, verificationKey } from "@/lib/signing-keys/signing-keys";

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** An access token signed with the current key (ES256, `kid` in the header); anyone can verify it with the JWKS. */
export async function signAccessToken({ db, userId, sessionId }: AccessClaims & { db: Executor }): Promise<string> {
  const { current } = await signingKeySet({ db });
  const config = env();
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: "JWT", kid: current.kid })
    .setSubject(userId)
    // A token id of its own, so that a refresh within the same second still gives a new token.
    .setJti(randomUUID())
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${config.ACCESS_TOKEN_TTL_SECONDS}s`)
    .sign(current.privateKey);
}

/** The claims of a valid access token, or null for anything else (expired, forged, malformed, HS256, unknown key). */
export async function verifyAccessToken({ db, token }: { db: Executor; token: string }): Promise<AccessClaims | null> {
  try {
    const { kid, alg } = decodeProtectedHeader(token);
    // Pinned: a token that names another algorithm (none, HS256 with a public key as its secret, …) is refused
    // before any key is looked up, and so is one without a kid (no database read for garbage).
    if (alg !== SIGNING_ALGORITHM || typeof kid !== "string" || kid.length > 100) return null;
    const key = await verificationKey({ db, kid });
    if (!key) return null;
    const config = env();
    // jose checks `exp` only when a token has one: without requiring it, a token with no expiry would never expire.
    const { payload } = await jwtVerify(token, key, {
      algorithms: [SIGNING_ALGORITHM],
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      requiredClaims: ["exp", "iat", "sub"],
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    return null;
  }
}
