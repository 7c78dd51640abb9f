import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { otpCodes, rateLimits, sessions, smsOutbox } from "@/db/schema";
import { env } from "@/lib/config/env";

/** Rows older than this past their end are of no use to anyone, not even for reuse detection. */
const GRACE = sql`interval '1 day'`;

/**
 * Deletes closed rate-limit windows, long-expired codes, long-ended sessions (with their refresh tokens,
 * by cascade), day-old simulated SMS, and webhook deliveries finished (delivered or failed) more than
 * WEBHOOK_RETENTION_DAYS ago with the events no delivery needs any more, so that those tables stay small.
 * Safe to run from every instance.
 */
export async function pruneExpiredRows({ db, webhookRetentionDays = env().WEBHOOK_RETENTION_DAYS }: { db: Executor; webhookRetentionDays?: number }): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.expiresAt} <= now()`);
  await db.delete(otpCodes).where(sql`${otpCodes.expiresAt} < now() - ${GRACE}`);
  await db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} < now() - ${GRACE} OR ${sessions.revokedAt} < now() - ${GRACE}`);
  await db.delete(smsOutbox).where(sql`${smsOutbox.sentAt} < now() - ${GRACE}`);
  const retention = sql`make_interval(days => ${webhookRetentionDays})`;
  await db.execute(sql`delete from webhook_deliveries where status <> 'pending' and updated_at < now() - ${retention}`);
  await db.execute(
    sql`delete from webhook_events ev where ev.created_at < now() - ${retention} and not exists (select 1 from webhook_deliveries d where d.event_id = ev.id)`,
  );
}
