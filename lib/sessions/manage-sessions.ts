import "server-only";
import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { sessions } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { coarseNetwork } from "@/lib/network/coarse-network";
import type { SessionList } from "./schemas";

const live = () => and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`));

/** The account's live sessions, the most recently used first; `current` marks the one asking. */
export async function listSessions({ db, userId, currentSessionId }: { db: Executor; userId: string; currentSessionId: string }): Promise<SessionList> {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), live()))
    .orderBy(desc(sessions.lastUsedAt), desc(sessions.id));
  return {
    items: rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt.toISOString(),
      userAgent: row.userAgent,
      ip: coarseNetwork(row.ipAddress),
      current: row.id === currentSessionId,
    })),
  };
}

/**
 * Ends one live session of the account (`sessionId` parsed by `idParams`); its access and refresh tokens are
 * refused from now on. A session of another account and an ended one are the same `404 not_found`: the answer
 * tells nothing about other accounts' sessions.
 */
export async function endSession({ db, userId, sessionId }: { db: Executor; userId: string; sessionId: string }): Promise<void> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), live()))
    .returning({ id: sessions.id });
  if (ended.length === 0) throw new ApiError("not_found", "This account has no live session with this id.");
}

/** Ends every live session of the account except the one asking ("sign out other devices"); how many ended. */
export async function endOtherSessions({ db, userId, keepSessionId }: { db: Executor; userId: string; keepSessionId: string }): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId), live()))
    .returning({ id: sessions.id });
  return ended.length;
}
