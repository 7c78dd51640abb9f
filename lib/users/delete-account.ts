import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { otpCodes, users } from "@/db/schema";
import { isDeadlock } from "@/db/errors";
import { INVITE_GRAPH_LOCK_KEY } from "@/lib/invites/activate-invite-code";
import { assertNotLastAdmin } from "./assert-not-last-admin";

const ATTEMPTS = 3;

/**
 * Deletes an account in one transaction, unless it is the last administrator (409 last_admin). The database
 * does the rest: its sessions and avatars go with it (ON DELETE CASCADE), so its tokens stop working at once;
 * its invitees keep the code text they activated (referrer_id ON DELETE SET NULL). Its pending phone-change
 * codes are dropped; the phone is free again.
 *
 * Each invitee becomes the root of its own tree, so the rows below it get it as their root_id (see
 * activate-invite-code.ts), by a walk down the deleted account's subtree (reroot_invitees_of, drizzle/0002).
 * The walk and the deletion hold the invite-graph lock that activations take, so no activation adds to the
 * subtree meanwhile or reads a root half rewritten; deletions are rare and the walk covers only the account's
 * own subtree. The same lock serialises deletions, so an account and its referrer deleted at once no longer
 * wait on each other's rows. Should PostgreSQL still cancel one of two transactions that wait on each other
 * (an administrator changing flags of rows in the subtree at that moment), it is run again.
 */
export async function deleteAccount({ db, userId }: { db: Database; userId: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await deleteInTransaction({ db, userId });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isDeadlock(error)) throw error;
    }
  }
}

async function deleteInTransaction({ db, userId }: { db: Database; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INVITE_GRAPH_LOCK_KEY})`);
    const me = await assertNotLastAdmin({
      tx,
      which: eq(users.id, userId),
      detail: "You are the only administrator. Make another account an administrator first, then delete this one.",
    });
    if (!me) return;
    await tx.delete(otpCodes).where(and(eq(otpCodes.purpose, "phone_change"), eq(otpCodes.subject, userId)));
    await tx.execute(sql`select reroot_invitees_of(${userId})`);
    await tx.delete(users).where(eq(users.id, userId));
  });
}
