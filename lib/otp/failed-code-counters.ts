import { env } from "@/lib/config/env";
import type { RateLimitName } from "@/lib/errors/error-codes";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";

export interface FailedCodeCounter {
  key: string;
  limit: number;
  /** The refusal once the counter is full. */
  detail: string;
  /** Named in the 429's `limit` member. */
  name: RateLimitName;
}

/** Wrong codes are counted per day. */
export const FAILED_CODE_WINDOW_SECONDS = 24 * 3600;

/**
 * The two counters of wrong codes for a phone, narrowest first: from the client's network
 * (OTP_MAX_FAILED_PER_PHONE_PER_DAY), so that a stranger's guesses lock only the stranger's network, and from
 * every network (OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY), so that many networks cannot guess without end.
 * `network` is the canonical client address, taken as an opaque key.
 */
export function failedCodeCounters({ phone, network }: { phone: string; network: string }): FailedCodeCounter[] {
  const config = env();
  return [
    {
      key: rateLimitKeys.failedPerPhoneAndNetwork(phone, network),
      limit: config.OTP_MAX_FAILED_PER_PHONE_PER_DAY,
      detail: "Too many wrong codes for this number from your network today. Please try again later.",
      name: "failed_codes_per_network",
    },
    {
      key: rateLimitKeys.failedPerPhone(phone),
      limit: config.OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY,
      detail: "Too many wrong codes for this number today. Please try again later.",
      name: "failed_codes_per_phone",
    },
  ];
}
