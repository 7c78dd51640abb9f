import "server-only";
import { and, count, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";

// Taken by every change that can leave fewer administrators than it found: deleting an account, the admin CLI's revoke.
export const ADMIN_SET_LOCK_KEY = 727_274_004;

/**
 * Locks the row of the account `which` picks (by id or phone) and refuses with 409 last_admin when it is the only administrator who can still sign
 * in (admin and not blocked). Call it first in the transaction that removes the account or its right.
 *
 * Concurrency. The advisory lock serialises such changes, so two last administrators removing each other or
 * themselves at once cannot both see the other and both go: the second counts after the first committed. The
 * row lock covers the other ways the count changes: a grant of this account commits before we read it, and
 * the admin API's demotion or blocking of another administrator holds the acting administrator's row, ours
 * when we are the actor, so it cannot slip in between our count and our commit.
 */
export async function assertNotLastAdmin({ tx, which, detail }: { tx: Transaction; which: SQL; detail: string }) {
  await tx.execute(sql`select pg_advisory_xact_lock(${ADMIN_SET_LOCK_KEY})`);
  const [me] = await tx
    .select({ id: users.id, phone: users.phone, isAdmin: users.isAdmin, isBlocked: users.isBlocked })
    .from(users)
    .where(which)
    .for("update");
  if (me?.isAdmin && !me.isBlocked) {
    const [others] = await tx
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.isAdmin, true), eq(users.isBlocked, false), ne(users.id, me.id)));
    if (!others?.n) throw new ApiError("last_admin", detail);
  }
  // Undefined when there is no such account (any more).
  return me;
}
