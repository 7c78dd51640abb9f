import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { adminUserColumns, toAdminUser } from "./admin-user-columns";
import type { AdminUser, UpdateAdminUserChanges } from "./schemas";

interface UpdateUserFlagsInput {
  db: Database;
  /** The administrator making the change. */
  adminId: string;
  /** From the path, canonical (lower-cased by the route's `idParams`). */
  userId: string;
  changes: UpdateAdminUserChanges;
}

/**
 * Grants or revokes admin rights and blocks or unblocks an account. Blocking ends every session of the
 * account in the same transaction, so its tokens stop working at once. Nobody can demote or block themself,
 * so an administrator cannot lock the last way in by mistake; ids are compared in their canonical lower case, as
 * PostgreSQL reads them, so `PATCH /admin/users/<OWN ID IN UPPER CASE>` is the same account.
 *
 * Two administrators demoting or blocking each other at the same moment would otherwise both succeed and
 * leave neither. The transaction locks both rows first, in id order (so two such changes cannot deadlock),
 * and checks that the acting administrator still is one: the second change waits for the first and is then
 * refused with 403 forbidden.
 */
export async function updateUserFlags({ db, adminId, userId, changes }: UpdateUserFlagsInput): Promise<AdminUser> {
  if (userId === adminId && (changes.isAdmin === false || changes.isBlocked === true)) {
    throw new ApiError(
      "admin_self_change",
      changes.isBlocked === true ? "You cannot block your own account." : "You cannot remove your own administrator rights.",
    );
  }
  const row = await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: users.id, isAdmin: users.isAdmin, isBlocked: users.isBlocked })
      .from(users)
      .where(inArray(users.id, [adminId, userId]))
      .orderBy(asc(users.id))
      .for("update");
    const actor = locked.find((candidate) => candidate.id === adminId);
    if (!actor?.isAdmin || actor.isBlocked) throw new ApiError("forbidden", "Only administrators can do this.");
    const [updated] = await tx
      .update(users)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (!updated) return undefined;
    if (changes.isBlocked === true) await revokeSessions({ db: tx, userId });
    const [user] = await tx.select(adminUserColumns).from(users).where(eq(users.id, userId));
    return user;
  });
  if (!row) throw new ApiError("not_found", "There is no account with this id.");
  return toAdminUser(row);
}
