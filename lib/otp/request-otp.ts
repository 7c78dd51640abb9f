import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type OtpPurpose, otpCodes } from "@/db/schema";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/http/api-error";
import { logger } from "@/lib/log/logger";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { getSmsProvider } from "@/lib/sms/get-sms-provider";
import { generateOtpCode, hashOtpCode } from "./otp-code";

export interface OtpRequestResult {
  phone: string;
  expiresIn: number;
  resendIn: number;
  codeLength: number;
}

interface RequestOtpInput {
  db: Database;
  purpose: OtpPurpose;
  /** E.164, already normalised. */
  phone: string;
  /** "" for sign-in, the user's id for a phone change. */
  subject?: string;
  clientAddress: string;
}

const HOUR = 3600;

/**
 * Issues a new code for a phone, replacing the previous one, and sends it. Limits, in order: the
 * failed-tries lock, the resend cooldown, the hourly caps per address and per phone. The answer never
 * depends on whether an account exists. If the SMS cannot be sent, the new code is withdrawn.
 */
export async function requestOtp({ db, purpose, phone, subject = "", clientAddress }: RequestOtpInput): Promise<OtpRequestResult> {
  const config = env();
  const scope = and(eq(otpCodes.purpose, purpose), eq(otpCodes.phone, phone), eq(otpCodes.subject, subject));

  const failed = await peekRateLimit({ db, key: rateLimitKeys.failedPerPhone(phone), limit: config.OTP_MAX_FAILED_PER_PHONE_PER_DAY });
  if (failed.limited) {
    throw new ApiError("rate_limited", "Too many wrong codes for this number today. Please try again later.", {
      retryAfter: failed.retryAfter,
    });
  }

  const [previous] = await db.select({ createdAt: otpCodes.createdAt }).from(otpCodes).where(scope);
  const cooldownLeft = previous ? config.OTP_RESEND_SECONDS - (Date.now() - previous.createdAt.getTime()) / 1000 : 0;
  if (cooldownLeft > 0) throw cooldown(cooldownLeft);

  const perAddress = await hitRateLimit({ db, key: rateLimitKeys.codesPerAddress(clientAddress), limit: config.OTP_MAX_PER_IP_PER_HOUR, windowSeconds: HOUR });
  if (perAddress.limited) {
    throw new ApiError("rate_limited", "Too many codes requested from your network this hour. Please try again later.", {
      retryAfter: perAddress.retryAfter,
    });
  }
  const perPhone = await hitRateLimit({ db, key: rateLimitKeys.codesPerPhone(phone), limit: config.OTP_MAX_PER_PHONE_PER_HOUR, windowSeconds: HOUR });
  if (perPhone.limited) {
    throw new ApiError("rate_limited", "Too many codes requested for this number this hour. Please try again later.", {
      retryAfter: perPhone.retryAfter,
    });
  }

  const fixedCode = config.SMS_TEST_NUMBERS.get(phone);
  const code = fixedCode ?? generateOtpCode(config.OTP_LENGTH);
  const codeHash = hashOtpCode({ purpose, phone, subject, code });
  const expiresAt = sql`now() + make_interval(secs => ${config.OTP_TTL_SECONDS})`;
  // The conditional upsert settles two simultaneous requests: only one gets past the cooldown.
  const [stored] = await db
    .insert(otpCodes)
    .values({ purpose, phone, subject, codeHash, expiresAt, createdAt: sql`now()` })
    .onConflictDoUpdate({
      target: [otpCodes.purpose, otpCodes.phone, otpCodes.subject],
      set: { codeHash, expiresAt, attempts: 0, consumedAt: null, createdAt: sql`now()` },
      setWhere: sql`${otpCodes.createdAt} <= now() - make_interval(secs => ${config.OTP_RESEND_SECONDS})`,
    })
    .returning({ createdAt: otpCodes.createdAt });
  if (!stored) throw cooldown(config.OTP_RESEND_SECONDS);

  if (!fixedCode) {
    const minutes = Math.max(1, Math.round(config.OTP_TTL_SECONDS / 60));
    const what = purpose === "phone_change" ? "code to confirm this number" : "sign-in code";
    const text = `Your ${what}: ${code}. It is valid for ${minutes} min. Do not share it.`;
    try {
      await getSmsProvider().send({ phone, text, code });
    } catch (error) {
      await db.delete(otpCodes).where(and(scope, eq(otpCodes.codeHash, codeHash)));
      logger().warn({ err: error, phone }, "SMS delivery failed; the code was withdrawn");
      throw new ApiError("sms_failed", "The SMS could not be sent. Please try again in a moment.", { cause: error });
    }
  }

  return {
    phone,
    expiresIn: config.OTP_TTL_SECONDS,
    resendIn: config.OTP_RESEND_SECONDS,
    codeLength: fixedCode?.length ?? config.OTP_LENGTH,
  };
}

function cooldown(seconds: number): ApiError {
  return new ApiError("rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.", {
    retryAfter: seconds,
  });
}
