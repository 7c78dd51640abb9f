import "server-only";
import type { Database } from "@/db";
import { ApiError } from "@/lib/errors/api-error";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { createSession } from "@/lib/sessions/create-session";
import type { TokenPair } from "@/lib/sessions/issue-tokens";
import type { User } from "@/db/schema";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { getProfile } from "@/lib/users/get-profile";
import type { AuthTokens } from "./schemas";

interface SignInInput {
  db: Database;
  phone: string;
  code: string;
  /** The client's network (IPv6 per /64): wrong codes are counted for it. */
  clientAddress: string;
  /** The client's full canonical address, kept with the session. */
  clientIp?: string | null;
  userAgent?: string | null;
}

type Outcome = { ok: true; tokens: TokenPair; isNew: boolean; user: User } | { ok: false; error: ApiError };

/**
 * Checks the code and, in the same transaction, finds or creates the account and opens a session. A wrong
 * code's counted attempt is committed before the error is thrown.
 */
export async function signInWithCode({ db, phone, code, clientAddress, clientIp, userAgent }: SignInInput): Promise<AuthTokens> {
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const verification = await verifyOtp({ tx, purpose: "sign_in", phone, code, network: clientAddress });
    if (!verification.ok) return verification;
    const { user, isNew } = await findOrCreateUser({ tx, phone });
    if (user.isBlocked) return { ok: false, error: new ApiError("account_blocked", "This account is blocked.") };
    const tokens = await createSession({ db: tx, userId: user.id, userAgent, ipAddress: clientIp });
    return { ok: true, tokens, isNew, user };
  });
  if (!outcome.ok) throw outcome.error;
  return { ...outcome.tokens, isNewUser: outcome.isNew, profile: await getProfile({ db, user: outcome.user }) };
}
