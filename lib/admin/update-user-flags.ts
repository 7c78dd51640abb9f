import "server-only";
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/http/api-error";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { enqueueWebhookEvent, webhookUser } from "@/lib/webhooks/enqueue-webhook-event";
import { adminUserColumns } from "./admin-user-columns";
import { type AdminUser, adminUserId, type UpdateAdminUserChanges } from "./schemas";

interface UpdateUserFlagsInput {
  db: Database;
  /** The administrator making the change. */
  adminId: string;
  /** From the path, not yet validated. */
  userId: string;
  changes: UpdateAdminUserChanges;
}

/**
 * Grants or revokes admin rights and blocks or unblocks an account. Blocking ends every session of the
 * account in the same transaction, so its tokens stop working at once; a change of `isBlocked` writes the
 * `user.blocked` or `user.unblocked` webhook event in that transaction too. Nobody can demote or block themself,
 * so an administrator cannot lock the last way in by mistake; ids are compared lower-cased, as PostgreSQL reads
 * them, so `PATCH /admin/users/<OWN ID IN UPPER CASE>` is the same account.
 *
 * Two administrators demoting or blocking each other at the same moment would otherwise both succeed and
 * leave neither. The transaction locks both rows first, in id order (so two such changes cannot deadlock),
 * and checks that the acting administrator still is one: the second change waits for the first and is then
 * refused with 403 forbidden.
 */
export async function updateUserFlags({ db, adminId, userId, changes }: UpdateUserFlagsInput): Promise<AdminUser> {
  const id = adminUserId.safeParse(userId);
  if (!id.success) {
    throw new ApiError("validation_error", "The user id in the path is not a valid id.", {
      errors: [{ path: "id", message: "Expected a UUID." }],
    });
  }
  if (id.data === adminId.toLowerCase() && (changes.isAdmin === false || changes.isBlocked === true)) {
    throw new ApiError(
      "admin_self_change",
      changes.isBlocked === true ? "You cannot block your own account." : "You cannot remove your own administrator rights.",
    );
  }
  const row = await db.transaction(async (tx) => {
    const locked = await tx
      .select({ id: users.id, isAdmin: users.isAdmin, isBlocked: users.isBlocked })
      .from(users)
      .where(inArray(users.id, [adminId, id.data]))
      .orderBy(asc(users.id))
      .for("update");
    const actor = locked.find((candidate) => candidate.id === adminId);
    if (!actor?.isAdmin || actor.isBlocked) throw new ApiError("forbidden", "Only administrators can do this.");
    const before = locked.find((candidate) => candidate.id === id.data);
    const [updated] = await tx
      .update(users)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(users.id, id.data))
      .returning();
    if (!updated) return undefined;
    if (changes.isBlocked === true) await revokeSessions({ db: tx, userId: id.data });
    if (changes.isBlocked !== undefined && changes.isBlocked !== before?.isBlocked) {
      await enqueueWebhookEvent({ tx, type: changes.isBlocked ? "user.blocked" : "user.unblocked", data: { user: webhookUser(updated) } });
    }
    const [user] = await tx.select(adminUserColumns).from(users).where(eq(users.id, id.data));
    return user;
  });
  if (!row) throw new ApiError("not_found", "There is no account with this id.");
  return { ...row, createdAt: row.createdAt.toISOString() };
}
