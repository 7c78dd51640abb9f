import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { assertNotLastAdmin } from "@/lib/users/assert-not-last-admin";

export type AdminChange = "granted" | "already_admin" | "revoked" | "not_admin";

interface SetAdminByPhoneInput {
  db: Database;
  /** E.164, already normalised. */
  phone: string;
  isAdmin: boolean;
  /** Revoke even the last administrator who can sign in. */
  force?: boolean;
}

/**
 * Grants or revokes the administrator right of the account with this phone, for the operators' CLI
 * (`npm run admin`). The account must exist (`not_found` otherwise). A revoke that would leave no
 * administrator who can sign in is `last_admin` unless forced; it takes the same lock and counts the same
 * way as an administrator's deletion of their own account, so the two cannot both remove the last two.
 */
export async function setAdminByPhone({ db, phone, isAdmin, force = false }: SetAdminByPhoneInput): Promise<{ change: AdminChange; isBlocked: boolean }> {
  return db.transaction(async (tx) => {
    const which = eq(users.phone, phone);
    const [account] = isAdmin || force
      ? await tx.select({ id: users.id, isAdmin: users.isAdmin, isBlocked: users.isBlocked }).from(users).where(which).for("update")
      : [await assertNotLastAdmin({ tx, which, detail: `${phone} is the only administrator who can sign in.` })];
    if (!account) throw new ApiError("not_found", `No account has the phone ${phone}.`);
    if (account.isAdmin === isAdmin) return { change: isAdmin ? "already_admin" : "not_admin", isBlocked: account.isBlocked };
    await tx.update(users).set({ isAdmin, updatedAt: sql`now()` }).where(eq(users.id, account.id));
    return { change: isAdmin ? "granted" : "revoked", isBlocked: account.isBlocked };
  });
}
