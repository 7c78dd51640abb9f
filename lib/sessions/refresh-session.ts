import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { refreshTokens, sessions, type User, users } from "@/db/schema";
import type { AuthTokens } from "@/lib/auth/schemas";
import { ApiError } from "@/lib/http/api-error";
import { getProfile } from "@/lib/users/get-profile";
import { issueTokens, type TokenPair } from "./issue-tokens";
import { hashRefreshToken } from "./refresh-token";

type Outcome = { ok: true; tokens: TokenPair; user: User } | { ok: false; detail: string };

/**
 * Exchanges a refresh token for a new pair. Each token works once: presenting one that was already
 * rotated means it leaked, so the whole session (its family) is revoked.
 */
export async function refreshSession({ db, refreshToken }: { db: Database; refreshToken: string }): Promise<AuthTokens> {
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const [found] = await tx
      .select({
        sessionId: refreshTokens.sessionId,
        rotated: sql<boolean>`${refreshTokens.rotatedAt} IS NOT NULL`,
        sessionLive: sql<boolean>`${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > now()`,
        user: users,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)))
      .for("update", { of: refreshTokens });
    if (!found) return { ok: false, detail: "The refresh token is not valid. Sign in again." };
    if (found.rotated) {
      await tx.update(sessions).set({ revokedAt: sql`now()` }).where(and(eq(sessions.id, found.sessionId), sql`${sessions.revokedAt} IS NULL`));
      return { ok: false, detail: "The refresh token was already used; the session has been ended for safety. Sign in again." };
    }
    if (!found.sessionLive || found.user.isBlocked) return { ok: false, detail: "The session has ended. Sign in again." };
    await tx.update(refreshTokens).set({ rotatedAt: sql`now()` }).where(eq(refreshTokens.tokenHash, hashRefreshToken(refreshToken)));
    await tx.update(sessions).set({ lastUsedAt: sql`now()` }).where(eq(sessions.id, found.sessionId));
    const tokens = await issueTokens({ db: tx, userId: found.user.id, sessionId: found.sessionId });
    return { ok: true, tokens, user: found.user };
  });
  if (!outcome.ok) throw new ApiError("invalid_token", outcome.detail);
  return { ...outcome.tokens, isNewUser: false, profile: await getProfile({ db, user: outcome.user }) };
}
