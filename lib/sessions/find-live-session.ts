import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { preparedQuery } from "@/db/prepared-query";
import { sessions, type User, users } from "@/db/schema";
import type { AccessClaims } from "./access-token";

export interface LiveSession {
  user: User;
  sessionId: string;
  /** The session's lastUsedAt is more than a minute old: the request should touch it. */
  usedLongAgo: boolean;
}

const sessionWithUser = preparedQuery((db) =>
  db
    .select({
      user: users,
      live: sql<boolean>`${sessions.revokedAt} IS NULL AND ${sessions.expiresAt} > now()`,
      usedLongAgo: sql<boolean>`${sessions.lastUsedAt} < now() - interval '1 minute'`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare("find_live_session"),
);

/**
 * The session named by a verified access token while it is live and its account neither blocked nor deleted;
 * undefined otherwise. Checked on every request, so sign-out, deletion and blocking take effect at once.
 */
export async function findLiveSession({ db, claims }: { db: Executor; claims: AccessClaims }): Promise<LiveSession | undefined> {
  const [row] = await sessionWithUser(db).execute({ sessionId: claims.sessionId });
  if (!row || !row.live || row.user.id !== claims.userId || row.user.isBlocked) return undefined;
  return { user: row.user, sessionId: claims.sessionId, usedLongAgo: row.usedLongAgo };
}
