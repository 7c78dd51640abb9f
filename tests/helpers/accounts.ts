import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";

/**
 * Links `inviteeId` to `referrer` the way an invite-code activation stores it, for tests of features that
 * read referrals (deletion, administration) without depending on the activation endpoint.
 */
export async function linkReferral(inviteeId: string, referrer: { id: string; inviteCode: string }): Promise<void> {
  const db = await getDb();
  await db
    .update(users)
    .set({ referrerId: referrer.id, activatedInviteCode: referrer.inviteCode, activatedAt: sql`now()` })
    .where(eq(users.id, inviteeId));
}
