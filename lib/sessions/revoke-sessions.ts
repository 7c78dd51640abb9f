import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { sessions } from "@/db/schema";

/** Ends one session, or every session of a user; their access tokens stop working at once. */
export async function revokeSessions({ db, sessionId, userId }: { db: Executor; sessionId?: string; userId?: string }): Promise<void> {
  const target = sessionId ? eq(sessions.id, sessionId) : userId ? eq(sessions.userId, userId) : undefined;
  if (!target) throw new Error("revokeSessions needs a sessionId or a userId");
  await db.update(sessions).set({ revokedAt: sql`now()` }).where(and(target, isNull(sessions.revokedAt)));
}
