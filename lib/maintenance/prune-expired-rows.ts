import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { otpCodes, rateLimits, sessions, smsOutbox } from "@/db/schema";

/** Rows older than this past their end are of no use to anyone, not even for reuse detection. */
const GRACE = sql`interval '1 day'`;

/**
 * Deletes closed rate-limit windows, long-expired codes, long-ended sessions (with their refresh tokens,
 * by cascade) and day-old simulated SMS, so that those tables stay small. Safe to run from every instance.
 */
export async function pruneExpiredRows({ db }: { db: Executor }): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.expiresAt} <= now()`);
  await db.delete(otpCodes).where(sql`${otpCodes.expiresAt} < now() - ${GRACE}`);
  await db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} < now() - ${GRACE} OR ${sessions.revokedAt} < now() - ${GRACE}`);
  await db.delete(smsOutbox).where(sql`${smsOutbox.sentAt} < now() - ${GRACE}`);
}
