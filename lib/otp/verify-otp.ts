import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db";
import { type OtpPurpose, otpCodes } from "@/db/schema";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/http/api-error";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { otpCodeMatches } from "./otp-code";

interface VerifyOtpInput {
  tx: Transaction;
  purpose: OtpPurpose;
  phone: string;
  subject?: string;
  code: string;
}

export type OtpVerification = { ok: true } | { ok: false; error: ApiError };

const DAY = 24 * 3600;

/**
 * Checks a code inside the caller's transaction, holding the code's row lock so that a code is used once
 * even by simultaneous requests. A failure is returned rather than thrown, so that the caller commits the
 * counted attempt before it answers.
 */
export async function verifyOtp({ tx, purpose, phone, subject = "", code }: VerifyOtpInput): Promise<OtpVerification> {
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

  if (!row || row.consumed || row.expired) {
    return { ok: false, error: new ApiError("invalid_code", "The code is wrong or has expired. Request a new code.") };
  }
  if (row.attempts >= config.OTP_MAX_ATTEMPTS) {
    const resendIn = config.OTP_RESEND_SECONDS - (Date.now() - row.createdAt.getTime()) / 1000;
    return {
      ok: false,
      error: new ApiError("too_many_attempts", "Too many wrong tries for this code. Request a new code.", {
        retryAfter: Math.max(1, resendIn),
      }),
    };
  }
  if (!otpCodeMatches({ purpose, phone, subject, code, hash: row.codeHash })) {
    await tx.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(scope);
    await hitRateLimit({ db: tx, key: rateLimitKeys.failedPerPhone(phone), limit: config.OTP_MAX_FAILED_PER_PHONE_PER_DAY, windowSeconds: DAY });
    const left = config.OTP_MAX_ATTEMPTS - row.attempts - 1;
    const detail = left > 0 ? `The code is wrong. ${left} ${left === 1 ? "try" : "tries"} left.` : "The code is wrong. Request a new code.";
    return { ok: false, error: new ApiError("invalid_code", detail) };
  }
  await tx.update(otpCodes).set({ consumedAt: sql`now()` }).where(scope);
  return { ok: true };
}
