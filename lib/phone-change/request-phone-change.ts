import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { type User, users } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { type OtpRequestResult, requestOtp } from "@/lib/otp/request-otp";
import { assertSmsAllowed } from "@/lib/phone/assert-sms-allowed";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";

interface RequestPhoneChangeInput {
  db: Database;
  user: User;
  /** E.164, already normalised. */
  phone: string;
  clientAddress: string;
}

/** Phone-change requests per account per hour, whatever their answer. */
const CHANGES_PER_HOUR = 5;
const HOUR = 3600;

/**
 * Sends a code to the new number, under the same limits as a sign-in code. The code is the user's own
 * (subject = user id), so two users asking for the same free number do not replace each other's codes.
 * Every request is counted against the account before the number is looked up, so that `409 phone_taken`
 * cannot be used to find registered numbers: past the limit every answer is 429, taken number or free.
 * Only what the number alone decides (invalid, not allowed an SMS) is answered before the count.
 */
export async function requestPhoneChange({ db, user, phone, clientAddress }: RequestPhoneChangeInput): Promise<OtpRequestResult> {
  assertSmsAllowed({ phone });
  const changes = await hitRateLimit({ db, key: rateLimitKeys.phoneChangesPerAccount(user.id), limit: CHANGES_PER_HOUR, windowSeconds: HOUR });
  if (changes.limited) {
    throw new ApiError("rate_limited", "Too many phone-change requests this hour. Please try again later.", { retryAfter: changes.retryAfter, limit: "phone_changes" });
  }
  if (phone === user.phone) throw new ApiError("phone_taken", "This is already your phone number.");
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
  if (owner) throw new ApiError("phone_taken", "Another account uses this phone number.");
  return requestOtp({ db, purpose: "phone_change", phone, subject: user.id, clientAddress });
}
