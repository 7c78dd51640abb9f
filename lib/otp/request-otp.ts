import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type OtpPurpose, otpCodes } from "@/db/schema";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { logger } from "@/lib/log/logger";
import { assertSmsAllowed } from "@/lib/phone/assert-sms-allowed";
import { hitRateLimit, peekRateLimit, undoRateLimitHit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { getSmsProvider } from "@/lib/sms/get-sms-provider";
import { failedCodeCounters } from "./failed-code-counters";
import { generateOtpCode, hashOtpCode } from "./otp-code";
import { spendSmsBudget } from "./spend-sms-budget";

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
 * Issues a new code for a phone, replacing the previous one, and sends it. The answer never depends on
 * whether an account exists. Checks, in order, each one before anything the next would count:
 * 1. the number may get an SMS (region, mobile): nothing is counted for a number that never can;
 * 2. the failed-code lock of this phone from this network and from all networks (read, not counted);
 * 3. the resend cooldown, per phone whatever the purpose or account: an atomic claim, so that simultaneous
 *    requests send one SMS; it is given back if anything below refuses or the SMS cannot be sent, so that
 *    a refused request leaves no cooldown to lock the owner out;
 * 4. the hourly caps per client address and per phone;
 * 5. the service's SMS budget, last, so that requests refused above never spend it. A message the provider
 *    fails to take still counts: a timed-out one may have been delivered and billed, and the budget is a cap
 *    on what the operator pays. Test numbers send nothing and spend nothing.
 * If the SMS cannot be sent, the new code is withdrawn.
 */
export async function requestOtp({ db, purpose, phone, subject = "", clientAddress }: RequestOtpInput): Promise<OtpRequestResult> {
  const config = env();
  assertSmsAllowed({ phone });

  for (const counter of failedCodeCounters({ phone, network: clientAddress })) {
    const failed = await peekRateLimit({ db, key: counter.key, limit: counter.limit });
    if (failed.limited) throw new ApiError("rate_limited", counter.detail, { retryAfter: failed.retryAfter, limit: counter.name });
  }

  const resendKey = rateLimitKeys.resendPerPhone(phone);
  const resend = await hitRateLimit({ db, key: resendKey, limit: 1, windowSeconds: config.OTP_RESEND_SECONDS });
  if (resend.limited) {
    throw new ApiError("rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.", {
      retryAfter: resend.retryAfter,
      limit: "otp_resend",
    });
  }
  try {
    return await issueCode({ db, purpose, phone, subject, clientAddress });
  } catch (error) {
    await undoRateLimitHit({ db, key: resendKey });
    throw error;
  }
}

async function issueCode({ db, purpose, phone, subject = "", clientAddress }: RequestOtpInput): Promise<OtpRequestResult> {
  const config = env();
  const scope = and(eq(otpCodes.purpose, purpose), eq(otpCodes.phone, phone), eq(otpCodes.subject, subject));

  const perAddress = await hitRateLimit({ db, key: rateLimitKeys.codesPerAddress(clientAddress), limit: config.OTP_MAX_PER_IP_PER_HOUR, windowSeconds: HOUR });
  if (perAddress.limited) {
    throw new ApiError("rate_limited", "Too many codes requested from your network this hour. Please try again later.", {
      retryAfter: perAddress.retryAfter,
      limit: "otp_per_network",
    });
  }
  const perPhone = await hitRateLimit({ db, key: rateLimitKeys.codesPerPhone(phone), limit: config.OTP_MAX_PER_PHONE_PER_HOUR, windowSeconds: HOUR });
  if (perPhone.limited) {
    throw new ApiError("rate_limited", "Too many codes requested for this number this hour. Please try again later.", {
      retryAfter: perPhone.retryAfter,
      limit: "otp_per_phone",
    });
  }

  const fixedCode = config.SMS_TEST_NUMBERS.get(phone);
  if (!fixedCode) await spendSmsBudget({ db });
  const code = fixedCode ?? generateOtpCode(config.OTP_LENGTH);
  const codeHash = hashOtpCode({ purpose, phone, subject, code });
  const expiresAt = sql`now() + make_interval(secs => ${config.OTP_TTL_SECONDS})`;
  await db
    .insert(otpCodes)
    .values({ purpose, phone, subject, codeHash, expiresAt, createdAt: sql`now()` })
    .onConflictDoUpdate({
      target: [otpCodes.purpose, otpCodes.phone, otpCodes.subject],
      set: { codeHash, expiresAt, attempts: 0, consumedAt: null, createdAt: sql`now()` },
    });

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
