import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type User, users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { isUniqueViolation } from "@/db/errors";
import { verifyOtp } from "@/lib/otp/verify-otp";
import { getProfile } from "@/lib/users/get-profile";
import type { Profile } from "@/lib/users/schemas";

interface ConfirmPhoneChangeInput {
  db: Database;
  userId: string;
  /** E.164, already normalised. */
  phone: string;
  code: string;
  /** The canonical client address: wrong codes are counted per phone and network. */
  clientAddress: string;
}

type Outcome = { ok: true; user: User } | { ok: false; error: ApiError };

const taken = () => new ApiError("phone_taken", "Another account uses this phone number now.");

/**
 * Changes the phone when the code sent to the new number is right. Two users confirming the same number at
 * once are settled by users_phone_unique: the loser's UPDATE fails inside a savepoint, so the transaction
 * stays usable and commits the used code before answering 409. The old number is free from then on.
 */
export async function confirmPhoneChange({ db, userId, phone, code, clientAddress }: ConfirmPhoneChangeInput): Promise<Profile> {
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const verification = await verifyOtp({ tx, purpose: "phone_change", phone, subject: userId, code, network: clientAddress });
    if (!verification.ok) return verification;
    const [owner] = await tx.select({ id: users.id }).from(users).where(and(eq(users.phone, phone), ne(users.id, userId)));
    if (owner) return { ok: false, error: taken() };
    try {
      const [user] = await tx.transaction((savepoint) =>
        savepoint.update(users).set({ phone, updatedAt: sql`now()` }).where(eq(users.id, userId)).returning(),
      );
      if (!user) return { ok: false, error: new ApiError("invalid_token", "The account no longer exists. Sign in again.") };
      return { ok: true, user };
    } catch (error) {
      if (isUniqueViolation(error, "users_phone_unique")) return { ok: false, error: taken() };
      throw error;
    }
  });
  if (!outcome.ok) throw outcome.error;
  return getProfile({ db, user: outcome.user });
}
