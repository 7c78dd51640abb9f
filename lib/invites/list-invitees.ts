import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/http/api-error";
import type { InviteePage } from "./schemas";

interface Cursor {
  activatedAt: string;
  id: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.activatedAt, cursor.id])).toString("base64url");
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [activatedAt, id] = parsed as unknown[];
      if (typeof activatedAt === "string" && typeof id === "string" && uuidPattern.test(id) && !Number.isNaN(Date.parse(activatedAt))) {
        return { activatedAt: new Date(activatedAt).toISOString(), id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new ApiError("invalid_cursor", "The cursor is not one this API returned. Start again without a cursor.");
}

/**
 * The users who activated a user's invite code, newest first, by keyset pagination over
 * (activated_at, id) so that any page costs the same (index users_referrer_activated_idx).
 */
export async function listInvitees({ db, userId, limit, cursor }: { db: Executor; userId: string; limit: number; cursor?: string }): Promise<InviteePage> {
  const after = cursor ? decodeCursor(cursor) : undefined;
  const mine = eq(users.referrerId, userId);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ id: users.id, phone: users.phone, activatedAt: users.activatedAt })
      .from(users)
      .where(
        after
          ? and(mine, sql`(${users.activatedAt}, ${users.id}) < (${after.activatedAt}::timestamptz, ${after.id}::uuid)`)
          : mine,
      )
      .orderBy(desc(users.activatedAt), desc(users.id))
      .limit(limit + 1),
    db.select({ total: count() }).from(users).where(mine),
  ]);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    total: totals?.total ?? 0,
    items: page.map((row) => ({ phone: row.phone, activatedAt: row.activatedAt!.toISOString() })),
    nextCursor: rows.length > limit && last ? encodeCursor({ activatedAt: last.activatedAt!.toISOString(), id: last.id }) : null,
  };
}
