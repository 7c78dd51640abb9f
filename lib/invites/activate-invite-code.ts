import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type User, users } from "@/db/schema";
import { ApiError } from "@/lib/http/api-error";

// Serialises every activation (see below). find-or-create-user takes 727_274_002 for the first administrator.
export const INVITE_GRAPH_LOCK_KEY = 727_274_003;

/**
 * Activates somebody's invite code for `userId` (code already trimmed and upper-cased) and returns the updated
 * row. Errors: 409 invite_already_activated, 404 invite_code_not_found, 422 invite_own_code, 422 invite_cycle.
 *
 * Concurrency. A loop can be closed by two activations that each look fine alone (A takes B's code while B
 * takes A's, or the same across a long chain), so every activation runs in one transaction that first takes
 * a transaction-scoped advisory lock shared by all activations. That serialises the read of the chain
 * (a recursive walk up referrer_id from the code's owner) with the write, so each check sees every activation
 * committed before it, and the graph stays a forest. Locking the rows of the chain instead would let two
 * activations lock overlapping chains in opposite orders and deadlock; one lock cannot, and activations are rare
 * and short, so the lost parallelism costs nothing. The transaction stays READ COMMITTED on purpose: each
 * statement after the lock reads a fresh snapshot. The final UPDATE is conditional as well
 * (`activated_invite_code IS NULL`), so one activation per account holds even for a writer that skips the lock.
 * The owner's row is read `FOR KEY SHARE`: its deletion waits for us, or has committed and we answer 404.
 * On PGlite (one connection) transactions are serialised anyway and the lock is granted at once.
 */
export async function activateInviteCode({ db, userId, code }: { db: Database; userId: string; code: string }): Promise<User> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${INVITE_GRAPH_LOCK_KEY})`);

    const [me] = await tx
      .select({ activatedInviteCode: users.activatedInviteCode, inviteeCount: users.inviteeCount })
      .from(users)
      .where(eq(users.id, userId));
    if (!me) throw new ApiError("invalid_token", "The session has ended. Sign in again.");
    if (me.activatedInviteCode !== null) throw alreadyActivated(me.activatedInviteCode);

    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.inviteCode, code)).for("key share");
    if (!owner) throw new ApiError("invite_code_not_found", `There is no invite code ${code}. Check it and try again.`);
    if (owner.id === userId) throw new ApiError("invite_own_code", `${code} is your own invite code; activate somebody else's.`);

    // Walks from the owner up to the root of their tree; reaching this user means the owner is below them.
    // The depth bound only guarantees termination should the data ever hold a loop. A user nobody has invited
    // yet (most who activate: they just signed up) cannot close a loop, and the lock keeps it so: no walk.
    const [walk] = me.inviteeCount === 0 ? [] : await tx
      .select({
        closesLoop: sql<boolean>`exists (
          with recursive chain (id, referrer_id, depth) as (
            select id, referrer_id, 1 from users where id = ${owner.id}
            union all
            select u.id, u.referrer_id, chain.depth + 1
            from users u join chain on u.id = chain.referrer_id
            where chain.id <> ${userId} and chain.depth < 100000
          )
          select 1 from chain where id = ${userId})`,
      })
      .from(users)
      .where(eq(users.id, userId));
    if (walk?.closesLoop) {
      throw new ApiError(
        "invite_cycle",
        `Activating ${code} would close a loop: its owner joined, directly or through others, with your invite code.`,
      );
    }

    const [updated] = await tx
      .update(users)
      .set({
        referrerId: owner.id,
        activatedInviteCode: code,
        activatedAt: sql`date_trunc('milliseconds', now())`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.id, userId), isNull(users.activatedInviteCode)))
      .returning();
    if (!updated) {
      const [current] = await tx.select({ activatedInviteCode: users.activatedInviteCode }).from(users).where(eq(users.id, userId));
      if (current?.activatedInviteCode) throw alreadyActivated(current.activatedInviteCode);
      throw new ApiError("invalid_token", "The session has ended. Sign in again.");
    }
    return updated;
  });
}

function alreadyActivated(activated: string): ApiError {
  return new ApiError("invite_already_activated", `You have already activated the invite code ${activated}; an account can activate only one.`);
}
