import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { sessions } from "@/db/schema";

/** Records that a session was used now; a no-op when another request did so within the last minute. */
export async function touchSession({ db, sessionId }: { db: Executor; sessionId: string }): Promise<void> {
  await db
    .update(sessions)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(sessions.id, sessionId), sql`${sessions.lastUsedAt} < now() - interval '1 minute'`));
}
