import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { otpCodes, users } from "@/db/schema";

/**
 * Deletes an account in one transaction. The database does the rest: its sessions and avatars go with it
 * (ON DELETE CASCADE), so its tokens stop working at once; its invitees keep the code text they activated
 * (referrer_id ON DELETE SET NULL). Its pending phone-change codes are dropped; the phone is free again.
 */
export async function deleteAccount({ db, userId }: { db: Database; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(otpCodes).where(and(eq(otpCodes.purpose, "phone_change"), eq(otpCodes.subject, userId)));
    await tx.delete(users).where(eq(users.id, userId));
  });
}
