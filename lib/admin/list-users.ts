import "server-only";
import { and, count, desc, eq, like, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import { decodeCursor, encodeCursor } from "@/lib/pagination/cursor";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { adminUserColumns, toAdminUser } from "./admin-user-columns";
import type { AdminUserPage, AdminUsersQuery } from "./schemas";

// created_at to the microsecond (a JavaScript Date keeps only milliseconds, which would skip rows).
const createdAtText = sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Phone fragment (digits in any phone formatting, or a whole number) or the start of an invite code. */
function searchCondition(query: string): SQL {
  const conditions: SQL[] = [];
  if (/^[\d\s+()-]+$/.test(query)) {
    const digits = query.replace(/\D/g, "");
    if (digits) conditions.push(like(users.phone, `%${digits}%`));
    try {
      conditions.push(eq(users.phone, normalizePhone({ phone: query })));
    } catch {
      // not a whole number: the digits are enough
    }
  }
  if (/^[A-Za-z0-9]{1,6}$/.test(query)) conditions.push(like(users.inviteCode, `${query.toUpperCase()}%`));
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
