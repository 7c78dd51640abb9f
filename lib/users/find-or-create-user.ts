import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { type User, users } from "@/db/schema";
import { generateInviteCode } from "@/lib/invites/generate-invite-code";

// Taken only while the users table is empty, so that two first sign-ins racing give one administrator.
const FIRST_ADMIN_LOCK_KEY = 727_274_002;
const INVITE_CODE_TRIES = 10;

/**
 * The account of a phone, created on its first successful sign-in with a fresh invite code. The first
 * account ever created is an administrator.
 */
export async function findOrCreateUser({ tx, phone }: { tx: Transaction; phone: string }): Promise<{ user: User; isNew: boolean }> {
  const [existing] = await tx.select().from(users).where(eq(users.phone, phone));
  if (existing) return { user: existing, isNew: false };

  let isAdmin = false;
  const [anyone] = await tx.select({ id: users.id }).from(users).limit(1);
  if (!anyone) {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_ADMIN_LOCK_KEY})`);
    // Read again after the lock: a racing first sign-in that held it has committed by now.
    const [stillNobody] = await tx.select({ id: users.id }).from(users).limit(1);
    isAdmin = !stillNobody;
  }

  for (let attempt = 0; attempt < INVITE_CODE_TRIES; attempt++) {
    // ON CONFLICT DO NOTHING keeps the transaction usable when the random invite code is taken.
    const [created] = await tx
      .insert(users)
      .values({ phone, inviteCode: generateInviteCode(), isAdmin })
      .onConflictDoNothing()
      .returning();
    if (created) return { user: created, isNew: true };
    const [raced] = await tx.select().from(users).where(eq(users.phone, phone));
    if (raced) return { user: raced, isNew: false };
  }
  throw new Error(`Could not find a free invite code in ${INVITE_CODE_TRIES} tries`);
}
