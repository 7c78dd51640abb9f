import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { otpCodes, users } from "@/db/schema";
import { isDeadlock } from "@/lib/http/problem";

const ATTEMPTS = 3;

/**
 * Deletes an account in one transaction. The database does the rest: its sessions and avatars go with it
 * (ON DELETE CASCADE), so its tokens stop working at once; its invitees keep the code text they activated
 * (referrer_id ON DELETE SET NULL). Its pending phone-change codes are dropped; the phone is free again.
 *
 * The referrer's row is locked first: the users_count_deletes trigger lowers its invitee_count, and taking
 * that lock before our own row keeps the order the referrer's own deletion uses (its row, then, through
 * ON DELETE SET NULL, ours), so deleting an account and its referrer at once does not deadlock. One case is
 * left: the account activates a code while it is being deleted, and so gains a referrer after that lock, and
 * the referrer is deleted at the same moment. PostgreSQL then cancels one of the two, and it is run again.
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
    await tx.delete(otpCodes).where(and(eq(otpCodes.purpose, "phone_change"), eq(otpCodes.subject, userId)));
    await tx.execute(sql`select 1 from ${users} where ${users.id} = (select ${users.referrerId} from ${users} where ${users.id} = ${userId}) for no key update`);
    await tx.delete(users).where(eq(users.id, userId));
  });
}
