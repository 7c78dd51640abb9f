import "server-only";
import type { Database } from "@/db";
import type { User } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { assertSameOrigin } from "@/lib/sessions/assert-same-origin";
import { verifyAccessToken } from "./access-token";
import { findLiveSession } from "./find-live-session";
import { touchSession } from "./touch-session";
import { ACCESS_COOKIE, readCookie } from "./session-cookies";

export interface AuthContext {
  user: User;
  sessionId: string;
  via: "bearer" | "cookie";
}

/** The token a request carries: `Authorization: Bearer` first, then the web pages' cookie. */
export function readAccessToken(request: Request): { token: string; via: AuthContext["via"] } | undefined {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new ApiError("unauthorized", "The Authorization header must be `Bearer <accessToken>`.");
    return { token: match[1]!, via: "bearer" };
  }
  const cookie = readCookie(request.headers, ACCESS_COOKIE);
  return cookie ? { token: cookie, via: "cookie" } : undefined;
}

/**
 * The signed-in user, or undefined when the request carries no credentials. A token is accepted only while
 * its session is live and its account is neither blocked nor deleted, so sign-out takes effect at once.
 */
export async function authenticate({ db, request }: { db: Database; request: Request }): Promise<AuthContext | undefined> {
  const presented = readAccessToken(request);
  if (!presented) return undefined;
  const claims = await verifyAccessToken({ db, token: presented.token });
  if (!claims) throw new ApiError("invalid_token", "The access token is invalid or has expired.");
  const live = await findLiveSession({ db, claims });
  if (!live) throw new ApiError("invalid_token", "The session has ended. Sign in again.");
  if (presented.via === "cookie") assertSameOrigin(request);
  // At most one write a minute per session: the sessions list shows when each was last used.
  if (live.usedLongAgo) await touchSession({ db, sessionId: live.sessionId });
  return { user: live.user, sessionId: live.sessionId, via: presented.via };
}
