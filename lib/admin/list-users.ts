import "server-only";
import { and, count, desc, eq, ilike, like, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { adminUserColumns, toAdminUser } from "./admin-user-columns";
import type { AdminUserPage, AdminUsersQuery } from "./schemas";

// created_at to the microsecond (a JavaScript Date keeps only milliseconds, which would skip rows).
const createdAtText = sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The query as a LIKE pattern that matches it anywhere, its own %, _ and \ taken literally. */
function containing(query: string): string {
  return `%${query.replace(/[\\%_]/g, "\\$&")}%`;
}

/**
 * Phone fragment (digits in any phone formatting, or a whole number), the start of an invite code, or a fragment
 * of a name or e-mail: ILIKE folds case in every alphabet (Cyrillic included) on PostgreSQL and PGlite alike.
 */
function searchCondition(query: string): SQL {
  const conditions: SQL[] = [];
  const phoneLike = /^[\d\s+()-]+$/.test(query);
  if (phoneLike) {
    const digits = query.replace(/\D/g, "");
    if (digits) conditions.push(like(users.phone, `%${digits}%`));
    try {
      conditions.push(eq(users.phone, normalizePhone({ phone: query })));
    } catch {
      // not a whole number: the digits are enough
    }
  }
  if (/^[A-Za-z0-9]{1,6}$/.test(query)) conditions.push(like(users.inviteCode, `${query.toUpperCase()}%`));
  if (!phoneLike) {
    const pattern = containing(query);
    conditions.push(
      ilike(users.firstName, pattern),
      ilike(users.lastName, pattern),
      ilike(users.email, pattern),
      sql`concat_ws(' ', ${users.firstName}, ${users.lastName}) ilike ${pattern}`,
    );
  }
  return or(...conditions) ?? sql`false`;
}

/**
 * Accounts for the administrators, newest first, by keyset pagination over (created_at, id)
 * (index users_created_at_idx), with the number of invitees of each.
 */
export async function listUsers({ db, query, limit, cursor }: { db: Executor } & AdminUsersQuery): Promise<AdminUserPage> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const filter = query ? searchCondition(query) : undefined;
  const page = after
    ? sql`(${users.createdAt}, ${users.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : undefined;
  const [rows, [totals]] = await Promise.all([
    db
      .select({ ...adminUserColumns, createdAtText })
      .from(users)
      .where(and(filter, page))
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(limit + 1),
    db.select({ total: count() }).from(users).where(filter),
  ]);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    total: totals?.total ?? 0,
    items: items.map(toAdminUser),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdAtText, id: last.id }) : null,
  };
}
