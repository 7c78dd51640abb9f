import "server-only";
import { asc, count, desc, eq, gte, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import type { AdminStats } from "./schemas";

export const STATS_DAYS = 30;
const TOP_REFERRERS = 10;
const DAY_MS = 24 * 3600 * 1000;

const utcDay = sql<string>`to_char((${users.createdAt} at time zone 'UTC')::date, 'YYYY-MM-DD')`;
// Midnight UTC STATS_DAYS - 1 days ago, by the database's clock.
const firstDayStart = sql`((now() at time zone 'UTC')::date - ${STATS_DAYS - 1}::int)::timestamp at time zone 'UTC'`;
const today = sql<string>`to_char((now() at time zone 'UTC')::date, 'YYYY-MM-DD')`;

/** Totals, the top referrers, and sign-ups per UTC day for the last 30 days (zero-filled, today last). */
export async function getAdminStats({ db }: { db: Executor }): Promise<AdminStats> {
  const referrer = alias(users, "referrer");
  const [[totals], [activations], topReferrers, perDay, [clock]] = await Promise.all([
    db.select({ users: count() }).from(users),
    db.select({ activations: count() }).from(users).where(isNotNull(users.activatedInviteCode)),
    db
      .select({ phone: referrer.phone, inviteCode: referrer.inviteCode, invitees: count() })
      .from(users)
      .innerJoin(referrer, eq(referrer.id, users.referrerId))
      .groupBy(referrer.id)
      .orderBy(desc(count()), asc(referrer.createdAt), asc(referrer.id))
      .limit(TOP_REFERRERS),
    db.select({ date: utcDay, count: count() }).from(users).where(gte(users.createdAt, firstDayStart)).groupBy(utcDay),
    db.select({ today }).from(sql`(select 1) as clock`),
  ]);
  const counts = new Map(perDay.map((row) => [row.date, row.count]));
  const last = Date.parse(`${clock!.today}T00:00:00Z`);
  const signupsPerDay = Array.from({ length: STATS_DAYS }, (_, index) => {
    const date = new Date(last - (STATS_DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10);
    return { date, count: counts.get(date) ?? 0 };
  });
  return { users: totals?.users ?? 0, activations: activations?.activations ?? 0, topReferrers, signupsPerDay };
}
