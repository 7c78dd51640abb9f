import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import type { InviteeCursor } from "./invitee-cursor";

/**
 * One page of a user's invitees, newest first, after a cursor position (keyset pagination). The order is
 * spelled `DESC NULLS LAST` exactly as users_referrer_activated_idx is declared: plain `DESC` means NULLS FIRST
 * in PostgreSQL, which the index cannot serve, and the planner then sorts every invitee for every page.
 * `position` is activated_at to the microsecond, so the next cursor is exact whatever precision was stored.
 */
export function inviteePageQuery({ db, userId, limit, after }: { db: Executor; userId: string; limit: number; after?: InviteeCursor }) {
  const mine = and(eq(users.referrerId, userId), isNotNull(users.activatedAt));
  return db
    .select({
      id: users.id,
      phone: users.phone,
      activatedAt: users.activatedAt,
      position: sql<string>`to_char(${users.activatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(users)
    .where(
      after ? and(mine, sql`(${users.activatedAt}, ${users.id}) < (${after.activatedAt}::timestamptz, ${after.id}::uuid)`) : mine,
    )
    .orderBy(sql`${users.activatedAt} desc nulls last`, sql`${users.id} desc nulls last`)
    .limit(limit);
}
