import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { appFlags, type User, users } from "@/db/schema";
import { env } from "@/lib/config/env";
import { generateInviteCode } from "@/lib/invites/generate-invite-code";
import { enqueueWebhookEvent, webhookUser } from "@/lib/webhooks/enqueue-webhook-event";

export const FIRST_ADMIN_FLAG = "first_admin_granted";
const INVITE_CODE_TRIES = 10;

/**
 * The account of a phone, created on its first successful sign-in with a fresh invite code.
 *
 * Who is an administrator at sign-up: with ADMIN_PHONES set, exactly those phones. Otherwise the first
 * account of the database, once ever: the first sign-up writes the `first_admin_granted` row of app_flags in
 * its own transaction and is administrator only if that insert made the row. Two first sign-ins at once: the
 * second's insert waits for the first's transaction and then finds the row, so one of them is administrator;
 * should the first roll back, the second makes the row. Every sign-up while the row is missing writes it, with
 * ADMIN_PHONES set too, so unsetting ADMIN_PHONES later does not make the next stranger administrator; and
 * deleting every account does not bring the rule back. A new account's `user.created` webhook event is
 * written in the same transaction.
 */
export async function findOrCreateUser({ tx, phone }: { tx: Transaction; phone: string }): Promise<{ user: User; isNew: boolean }> {
  const [existing] = await tx.select().from(users).where(eq(users.phone, phone));
  if (existing) return { user: existing, isNew: false };

  const firstAccount = await claimFirstAccount(tx);
  const adminPhones = env().ADMIN_PHONES;
  const isAdmin = adminPhones.length > 0 ? adminPhones.includes(phone) : firstAccount;

  for (let attempt = 0; attempt < INVITE_CODE_TRIES; attempt++) {
    // ON CONFLICT DO NOTHING keeps the transaction usable when the random invite code is taken.
    const [created] = await tx
      .insert(users)
      .values({ phone, inviteCode: generateInviteCode(), isAdmin })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await enqueueWebhookEvent({ tx, type: "user.created", data: { user: webhookUser(created) } });
      return { user: created, isNew: true };
    }
    const [raced] = await tx.select().from(users).where(eq(users.phone, phone));
    if (raced) return { user: raced, isNew: false };
  }
  throw new Error(`Could not find a free invite code in ${INVITE_CODE_TRIES} tries`);
}

/** True for the one sign-up that records the database's first account; a read, no write, ever after. */
async function claimFirstAccount(tx: Transaction): Promise<boolean> {
  const [recorded] = await tx.select({ name: appFlags.name }).from(appFlags).where(eq(appFlags.name, FIRST_ADMIN_FLAG));
  if (recorded) return false;
  const [claimed] = await tx.insert(appFlags).values({ name: FIRST_ADMIN_FLAG }).onConflictDoNothing().returning({ name: appFlags.name });
  return claimed !== undefined;
}
