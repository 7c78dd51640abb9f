import "server-only";
import type { Executor } from "@/db";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import { logger } from "@/lib/log/logger";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";

const HOUR = 3600;

/**
 * Counts one SMS against SMS_MAX_PER_HOUR, the budget of the whole service (every phone, every address), or
 * throws `429 rate_limited` past it. The hit that first passes the limit logs an error, so an operator hears
 * of it once per window rather than once per refused request.
 */
export async function spendSmsBudget({ db }: { db: Executor }): Promise<void> {
  const limit = env().SMS_MAX_PER_HOUR;
  const budget = await hitRateLimit({ db, key: rateLimitKeys.smsPerHour(), limit, windowSeconds: HOUR });
  if (!budget.limited) return;
  if (budget.count === limit + 1) {
    logger().error(
      { limit, retryAfter: budget.retryAfter },
      "SMS_MAX_PER_HOUR reached: code requests are refused until the hour is over",
    );
  }
  throw new ApiError("rate_limited", "This service has sent too many codes this hour. Please try again later.", {
    retryAfter: budget.retryAfter,
    limit: "sms_budget",
  });
}
