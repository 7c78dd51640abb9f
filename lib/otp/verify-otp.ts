import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { type OtpPurpose, otpCodes } from "@/db/schema";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { hitRateLimit, undoRateLimitHit } from "@/lib/rate-limit/hit-rate-limit";
import { FAILED_CODE_WINDOW_SECONDS, failedCodeCounters } from "./failed-code-counters";
import { otpCodeMatches } from "./otp-code";

interface VerifyOtpInput {
  tx: Transaction;
  purpose: OtpPurpose;
  phone: string;
  subject?: string;
  code: string;
  /** The canonical client address: wrong codes are counted per phone and network. */
  network: string;
}

export type OtpVerification = { ok: true } | { ok: false; error: ApiError };

/**
 * Checks a code inside the caller's transaction, holding the code's row lock so that a code is used once
 * even by simultaneous requests. A failure is returned rather than thrown, so that the caller commits the
 * counted attempt before it answers.
 *
 * Every guess first reserves a place in the wrong-code counters of its phone (per network, then for all
 * networks); a full counter refuses the guess unseen with `429 too_many_attempts`, even a right one. The
 * reservation holds the counters' rows until the transaction ends, so simultaneous guesses cannot slip past
 * the limit, and it is given back unless the guess was evaluated and wrong: the counters hold exactly the
 * wrong codes that were checked.
 */
export async function verifyOtp({ tx, purpose, phone, subject = "", code, network }: VerifyOtpInput): Promise<OtpVerification> {
  const reserved: string[] = [];
  const giveBack = async () => {
    for (const key of reserved) await undoRateLimitHit({ db: tx, key });
  };
  for (const counter of failedCodeCounters({ phone, network })) {
    const state = await hitRateLimit({ db: tx, key: counter.key, limit: counter.limit, windowSeconds: FAILED_CODE_WINDOW_SECONDS });
    reserved.push(counter.key);
    if (state.limited) {
      await giveBack();
      return { ok: false, error: new ApiError("too_many_attempts", counter.detail, { retryAfter: state.retryAfter }) };
    }
  }
  const { verification, wrongGuess } = await checkCode({ tx, purpose, phone, subject, code });
  if (!wrongGuess) await giveBack();
  return verification;
}

/** The code check itself; `wrongGuess` when a live code was compared and did not match. */
async function checkCode({ tx, purpose, phone, subject = "", code }: Omit<VerifyOtpInput, "network">): Promise<{ verification: OtpVerification; wrongGuess: boolean }> {
  const config = env();
  const scope = and(eq(otpCodes.purpose, purpose), eq(otpCodes.phone, phone), eq(otpCodes.subject, subject));
  const [row] = await tx
    .select({
      codeHash: otpCodes.codeHash,
      attempts: otpCodes.attempts,
      consumed: sql<boolean>`${otpCodes.consumedAt} IS NOT NULL`,
      expired: sql<boolean>`${otpCodes.expiresAt} <= now()`,
      createdAt: otpCodes.createdAt,
    })
    .from(otpCodes)
    .where(scope)
    .for("update");

  const failure = (error: ApiError, wrongGuess = false) => ({ verification: { ok: false as const, error }, wrongGuess });
  if (!row || row.consumed || row.expired) {
    return failure(new ApiError("invalid_code", "The code is wrong or has expired. Request a new code.", { attemptsLeft: 0 }));
  }
  if (row.attempts >= config.OTP_MAX_ATTEMPTS) {
    const resendIn = config.OTP_RESEND_SECONDS - (Date.now() - row.createdAt.getTime()) / 1000;
    return failure(
      new ApiError("too_many_attempts", "Too many wrong tries for this code. Request a new code.", { retryAfter: Math.max(1, resendIn) }),
    );
  }
  if (!otpCodeMatches({ purpose, phone, subject, code, hash: row.codeHash })) {
    await tx.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(scope);
    const left = config.OTP_MAX_ATTEMPTS - row.attempts - 1;
    const detail = left > 0 ? `The code is wrong. ${left} ${left === 1 ? "try" : "tries"} left.` : "The code is wrong. Request a new code.";
    return failure(new ApiError("invalid_code", detail, { attemptsLeft: Math.max(0, left) }), true);
  }
  await tx.update(otpCodes).set({ consumedAt: sql`now()` }).where(scope);
  return { verification: { ok: true }, wrongGuess: false };
}
