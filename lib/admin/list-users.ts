import "server-only";
import { and, count, desc, eq, like, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { adminUserColumns } from "./admin-user-columns";
import type { AdminUserPage, AdminUsersQuery } from "./schemas";

interface Cursor {
  /** created_at to the microsecond (a JavaScript Date keeps only milliseconds, which would skip rows). */
  createdAt: string;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const createdAtText = sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString("base64url");
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[];
      if (typeof createdAt === "string" && typeof id === "string" && timestampPattern.test(createdAt) && uuidPattern.test(id)) {
        // A real instant, not 2026-02-30: PostgreSQL would refuse it with an error rather than an answer.
        const milliseconds = `${createdAt.slice(0, 23)}Z`;
        const parsed = new Date(milliseconds);
        if (!Number.isNaN(parsed.getTime()) && parsed.toISOString() === milliseconds) return { createdAt, id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError("invalid_cursor", "The cursor is not one this API returned. Start again without a cursor.");
}

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
    ? sql`(${users.createdAt}, ${users.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
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
    items: items.map((row) => ({
      id: row.id,
      phone: row.phone,
      inviteCode: row.inviteCode,
      activatedInviteCode: row.activatedInviteCode,
      inviteesCount: row.inviteesCount,
      isAdmin: row.isAdmin,
      isBlocked: row.isBlocked,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAtText, id: last.id }) : null,
  };
}
