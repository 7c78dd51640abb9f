import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { sessions, type User, users } from "@/db/schema";
import { verifyAccessToken } from "./access-token";

export interface LiveSession {
  user: User;
  sessionId: string;
}

/**
 * The session an access token belongs to while it is live and its account neither blocked nor deleted;
 * undefined otherwise. The same rule as API authentication, for callers that have a token but no Request.
 */
export async function findLiveSession({ db, accessToken }: { db: Executor; accessToken: string }): Promise<LiveSession | undefined> {
  const claims = await verifyAccessToken(accessToken);
  if (!claims) return undefined;
  const [row] = await db
    .select({ user: users, live: sql<boolean>`${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > now()` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, claims.sessionId));
  if (!row || !row.live || row.user.id !== claims.userId || row.user.isBlocked) return undefined;
  return { user: row.user, sessionId: claims.sessionId };
}
