import "server-only";
import { asc, gt, gte, sql, sum } from "drizzle-orm";
import type { Executor } from "@/db";
import { users, userStats } from "@/db/schema";
import type { AdminStats } from "./schemas";

export const STATS_DAYS = 30;
const TOP_REFERRERS = 10;
const DAY_MS = 24 * 3600 * 1000;

// Midnight UTC STATS_DAYS - 1 days ago, and today, by the database's clock.
const firstDay = sql`(now() at time zone 'UTC')::date - ${STATS_DAYS - 1}::int`;
const today = sql<string>`to_char((now() at time zone 'UTC')::date, 'YYYY-MM-DD')`;

/**
 * Totals, the top referrers, and sign-ups per UTC day for the last 30 days (zero-filled, today last). Every
 * number comes from the counters the users_count_* triggers keep (user_stats, users.invitee_count), so
 * the cost does not grow with the number of users: a million users answer as fast as ten.
 */
export async function getAdminStats({ db }: { db: Executor }): Promise<AdminStats> {
  const [[totals], topReferrers, perDay, [clock]] = await Promise.all([
    db
      .select({ users: sum(userStats.users).mapWith(Number), activations: sum(userStats.activations).mapWith(Number) })
      .from(userStats),
    db
      .select({ phone: users.phone, inviteCode: users.inviteCode, invitees: users.inviteeCount })
      .from(users)
      .where(gt(users.inviteeCount, 0))
      // Spelled as users_top_referrers_idx is declared, so the first ten index entries are the answer.
      .orderBy(sql`${users.inviteeCount} desc nulls last`, asc(users.createdAt), asc(users.id))
      .limit(TOP_REFERRERS),
    db
      .select({ date: sql<string>`to_char(${userStats.day}, 'YYYY-MM-DD')`, count: sum(userStats.users).mapWith(Number) })
      .from(userStats)
      .where(gte(userStats.day, firstDay))
      .groupBy(userStats.day),
    db.select({ today }).from(sql`(select 1) as clock`),
  ]);
  const counts = new Map(perDay.map((row) => [row.date, row.count]));
  const last = Date.parse(`${clock!.today}T00:00:00Z`);
  const signupsPerDay = Array.from({ length: STATS_DAYS }, (_, index) => {
    const date = new Date(last - (STATS_DAYS - 1 - index) * DAY_MS).toISOString().slice(0, 10);
    return { date, count: counts.get(date) ?? 0 };
  });
  return { users: totals?.users ?? 0, activations: totals?.activations ?? 0, topReferrers, signupsPerDay };
}
