import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { refreshTokens, sessions, type User, users } from "@/db/schema";
import type { AuthTokens } from "@/lib/auth/schemas";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { getProfile } from "@/lib/users/get-profile";
import { issueTokens, type TokenPair } from "@/lib/sessions/issue-tokens";
import { hashRefreshToken } from "@/lib/sessions/refresh-token";

/**
 * The web pages refresh once per access token (15 minutes), one tab at a time; a client that refreshes more than
 * this in a minute is looping or minting tokens (each refresh is a row kept for the session's lifetime).
 */
export const REFRESHES_PER_SESSION_PER_MINUTE = 10;
const MINUTE = 60;

/** Whether the token was rotated within REFRESH_REUSE_GRACE_SECONDS (never, with 0: the window is off). */
function reuseGrace() {
  const seconds = env().REFRESH_REUSE_GRACE_SECONDS;
  if (seconds === 0) return sql<boolean>`false`;
  return sql<boolean>`coalesce(${refreshTokens.rotatedAt} >= now() - make_interval(secs => ${seconds}), false)`;
}

type Outcome =
  | { ok: true; tokens: TokenPair; user: User }
  | { ok: false; detail: string }
  | { ok: false; retryAfter: number }
  | { ok: false; blocked: true };

/**
 * Exchanges a refresh token for a new pair. Each token works once, with one allowance: presented again within
 * REFRESH_REUSE_GRACE_SECONDS of its rotation (a client retrying a refresh whose answer it lost, two tabs
 * refreshing together) it gets another new pair of the same session, and is not rotated again (its rotation time
 * stays, so the window never grows). Presented later, it leaked: the whole session (its family) is revoked.
 * Concurrent refreshes of one token queue on its row lock, so exactly one rotates it and the others see the
 * rotation. At most REFRESHES_PER_SESSION_PER_MINUTE refreshes per session, grace answers included; past it,
 * 429 and the token is left unused.
 */
export async function refreshSession({ db, refreshToken }: { db: Database; refreshToken: string }): Promise<AuthTokens> {
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const [found] = await tx
      .select({
        sessionId: refreshTokens.sessionId,
        rotated: sql<boolean>`${refreshTokens.rotatedAt} IS NOT NULL`,
        withinGrace: reuseGrace(),
        sessionLive: sql<boolean>`${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > now()`,
        user: users,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)))
      .for("update", { of: refreshTokens });
    if (!found) return { ok: false, detail: "The refresh token is not valid. Sign in again." };
    // Counted before anything else for a known session, so that every way to a new pair (a grace window for a
    // just-rotated token included) shares the allowance; a replayed token still ends the session below.
    const limit = await hitRateLimit({
      db: tx,
      key: rateLimitKeys.refreshesPerSession(found.sessionId),
      limit: REFRESHES_PER_SESSION_PER_MINUTE,
      windowSeconds: MINUTE,
    });
    if (found.rotated && !found.withinGrace) {
      await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, found.sessionId), sql`${sessions.revokedAt} IS NULL`));
      return { ok: false, detail: "The refresh token was already used; the session has been ended for safety. Sign in again." };
    }
    // Blocking ends every session of the account; its holder is told why rather than only that it ended.
    if (found.user.isBlocked) return { ok: false, blocked: true };
    if (!found.sessionLive) return { ok: false, detail: "The session has ended. Sign in again." };
    if (limit.limited) return { ok: false, retryAfter: limit.retryAfter };
    if (!found.rotated) {
      await tx.update(refreshTokens).set({ rotatedAt: sql`now()` }).where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)));
    }
    await tx.update(sessions).set({ lastUsedAt: sql`now()` }).where(eq(sessions.id, found.sessionId));
    const tokens = await issueTokens({ db: tx, userId: found.user.id, sessionId: found.sessionId });
    return { ok: true, tokens, user: found.user };
  });
  if (!outcome.ok && "retryAfter" in outcome) {
    throw new ApiError("rate_limited", "Too many token refreshes for this session. Please wait a moment.", { retryAfter: outcome.retryAfter, limit: "token_refreshes" });
  }
  if (!outcome.ok && "blocked" in outcome) throw new ApiError("account_blocked", "This account is blocked.");
  if (!outcome.ok) throw new ApiError("invalid_token", outcome.detail);
  return { ...outcome.tokens, isNewUser: false, profile: await getProfile({ db, user: outcome.user }) };
}
