import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type User, users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import type { ErrorCode } from "@/lib/errors/error-codes";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { isLockWaitFailure } from "@/db/errors";

// Serialises every change of the referral graph: activations, and deletions (lib/users/delete-account.ts).
export const INVITE_GRAPH_LOCK_KEY = 727_274_003;
/** Failed activations (404, 409, 422) an account may make in an hour; the next attempt is 429. */
export const FAILED_ACTIVATIONS_PER_HOUR = 20;
/** How long an activation waits for the graph lock or a row lock before it answers 503. */
export const ACTIVATION_LOCK_TIMEOUT_MS = 3_000;
const HOUR = 3600;
const countedFailures = new Set<ErrorCode>(["invite_code_not_found", "invite_already_activated", "invite_own_code", "invite_cycle"]);

/**
 * Activates somebody's invite code for `userId` (code already checked and upper-cased) and returns the updated
 * row. Errors: 409 invite_already_activated, 404 invite_code_not_found, 422 invite_own_code, 422 invite_cycle;
 * 429 rate_limited after FAILED_ACTIVATIONS_PER_HOUR of those in an hour; 503 service_unavailable when the
 * graph is busy for longer than ACTIVATION_LOCK_TIMEOUT_MS (or PostgreSQL broke a deadlock by cancelling us).
 *
 * The failures are counted outside the transaction, which their error rolls back, and a locked-out account is
 * refused before it takes any lock.
 */
export async function activateInviteCode({ db, userId, code }: { db: Database; userId: string; code: string }): Promise<User> {
  const key = rateLimitKeys.failedActivationsPerAccount(userId);
  const window = await peekRateLimit({ db, key, limit: FAILED_ACTIVATIONS_PER_HOUR });
  if (window.limited) {
    throw new ApiError("rate_limited", "Too many invite codes that could not be activated. Please try again later.", {
      retryAfter: window.retryAfter,
      limit: "failed_activations",
    });
  }
  try {
    return await activateInTransaction({ db, userId, code });
  } catch (error) {
    if (error instanceof ApiError && countedFailures.has(error.code)) {
      await hitRateLimit({ db, key, limit: FAILED_ACTIVATIONS_PER_HOUR, windowSeconds: HOUR });
    }
    // A lock wait given up (lock_timeout, or a deadlock with an administrator changing rows of the tree being
    // moved): nothing changed, and a retry in a moment passes.
    if (isLockWaitFailure(error)) {
      throw new ApiError("service_unavailable", "Invite codes are busy right now. Please try again in a few seconds.", {
        retryAfter: Math.ceil(ACTIVATION_LOCK_TIMEOUT_MS / 1000),
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Concurrency. A loop can be closed by two activations that each look fine alone (A takes B's code while B
 * takes A's, or the same across a long chain), so every activation runs in one transaction that first takes
 * a transaction-scoped advisory lock shared by all activations and deletions, waiting at most
 * ACTIVATION_LOCK_TIMEOUT_MS (`lock_timeout`). Each check then sees every change committed before it, and the
 * graph stays a forest. The transaction stays READ COMMITTED on purpose: each statement after the lock reads
 * a fresh snapshot. The final UPDATE is conditional as well (`activated_invite_code IS NULL`), so one
 * activation per account holds even for a writer that skips the lock. The owner's row is read `FOR KEY SHARE`:
 * its deletion waits for us, or has committed and we answer 404. On PGlite (one connection) transactions are
 * serialised anyway and the lock is granted at once.
 *
 * The loop check is one lookup, however deep the trees. An account activates once, and has no referrer
 * until it does, so the activating user is the root of its own tree; the activation closes a loop exactly
 * when the owner is in that tree, that is when the owner's root is this user. Every row keeps its root
 * (`root_id`, null for a root): on success the activating user's tree moves under the owner's root in one
 * indexed UPDATE (`WHERE root_id = <user>`), which happens once per account; deleteAccount re-roots the
 * subtrees a deletion cuts off. The lock is held for those few statements only.
 */
async function activateInTransaction({ db, userId, code }: { db: Database; userId: string; code: string }): Promise<User> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('lock_timeout', ${`${ACTIVATION_LOCK_TIMEOUT_MS}ms`}, true)`);
    await tx.execute(sql`select pg_advisory_xact_lock(${INVITE_GRAPH_LOCK_KEY})`);

    const [me] = await tx.select({ activatedInviteCode: users.activatedInviteCode }).from(users).where(eq(users.id, userId));
    if (!me) throw new ApiError("invalid_token", "The session has ended. Sign in again.");
    if (me.activatedInviteCode !== null) throw alreadyActivated(me.activatedInviteCode);

    const [owner] = await tx
      .select({ id: users.id, root: sql<string>`coalesce(${users.rootId}, ${users.id})` })
      .from(users)
      .where(eq(users.inviteCode, code))
      .for("key share");
    if (!owner) throw new ApiError("invite_code_not_found", `There is no invite code ${code}. Check it and try again.`);
    if (owner.id === userId) throw new ApiError("invite_own_code", `${code} is your own invite code; activate somebody else's.`);
    if (owner.root === userId) {
      throw new ApiError(
        "invite_cycle",
        `Activating ${code} would close a loop: its owner joined, directly or through others, with your invite code.`,
      );
    }

    const [updated] = await tx
      .update(users)
      .set({
        referrerId: owner.id,
        rootId: owner.root,
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
    // This user's tree (everybody below them) now hangs under the owner's root.
    await tx.update(users).set({ rootId: owner.root }).where(eq(users.rootId, userId));
    return updated;
  });
}

function alreadyActivated(activated: string): ApiError {
  return new ApiError("invite_already_activated", `You have already activated the invite code ${activated}; an account can activate only one.`);
}
