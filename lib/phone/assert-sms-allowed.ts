import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { smsRefusal } from "./sms-refusal";

/**
 * Throws `400 phone_not_allowed` unless the number may get an SMS (SMS_ALLOWED_REGIONS, mobile numbers only),
 * before any limit is counted. SMS_TEST_NUMBERS pass whatever their region or type: they never get an SMS,
 * so they cost nothing, and the operator listed them on purpose (a landline in a demo, say).
 */
export function assertSmsAllowed({ phone }: { phone: string }): void {
  const config = env();
  if (config.SMS_TEST_NUMBERS.has(phone)) return;
  const refusal = smsRefusal({ phone, allowedRegions: config.SMS_ALLOWED_REGIONS });
  if (refusal) throw new ApiError("phone_not_allowed", refusal);
}
