import "server-only";
import { and, eq, isNotNull, type Placeholder, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { preparedQuery } from "@/db/prepared-query";
import { users } from "@/db/schema";
import type { Cursor } from "@/lib/pagination/cursor";

/**
 * One page of a user's invitees, newest first, after a cursor position (keyset pagination). The order is
 * spelled `DESC NULLS LAST` exactly as users_referrer_activated_idx is declared: plain `DESC` means NULLS FIRST
 * in PostgreSQL, which the index cannot serve, and the planner then sorts every invitee for every page.
 * `position` is activated_at to the microsecond, so the next cursor is exact whatever precision was stored.
 */
type Value<T> = T | Placeholder;

export function inviteePageQuery({
  db,
  userId,
  limit,
  after,
}: {
  db: Executor;
  userId: Value<string>;
  limit: Value<number>;
  after?: { activatedAt: Value<string>; id: Value<string> };
}) {
  const mine = and(eq(users.referrerId, userId), isNotNull(users.activatedAt));
  return db
    .select({
      id: users.id,
      phone: users.phone,
      // As the API writes it (ISO 8601, milliseconds, UTC), formatted by PostgreSQL: no Date is parsed or printed.
      activatedAt: sql<string>`to_char(${users.activatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      position: sql<string>`to_char(${users.activatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(users)
    .where(
      after ? and(mine, sql`(${users.activatedAt}, ${users.id}) < (${after.activatedAt}::timestamptz, ${after.id}::uuid)`) : mine,
    )
    .orderBy(sql`${users.activatedAt} desc nulls last`, sql`${users.id} desc nulls last`)
    .limit(limit);
}

const firstPage = preparedQuery((db) =>
  inviteePageQuery({ db, userId: sql.placeholder("userId"), limit: sql.placeholder("limit") }).prepare("invitee_first_page"),
);
const nextPage = preparedQuery((db) =>
  inviteePageQuery({
    db,
    userId: sql.placeholder("userId"),
    limit: sql.placeholder("limit"),
    after: { activatedAt: sql.placeholder("activatedAt"), id: sql.placeholder("id") },
  }).prepare("invitee_next_page"),
);

/** The page, through a query built once per client: the profile reads the first page on every request. */
export function readInviteePage({ db, userId, limit, after }: { db: Executor; userId: string; limit: number; after?: Cursor }) {
  return after ? nextPage(db).execute({ userId, limit, activatedAt: after.at, id: after.id }) : firstPage(db).execute({ userId, limit });
}
