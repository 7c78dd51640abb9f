import "server-only";
import type { Executor } from "@/db";
import { ApiError } from "@/lib/errors/api-error";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { AVATAR_UPLOADS_PER_HOUR } from "./schemas";

/** Counts an upload against the account's hourly allowance before its body is read or decoded; past it, 429. */
export async function countAvatarUpload({ db, userId }: { db: Executor; userId: string }): Promise<void> {
  const state = await hitRateLimit({ db, key: rateLimitKeys.avatarUploadsPerAccount(userId), limit: AVATAR_UPLOADS_PER_HOUR, windowSeconds: 3600 });
  if (state.limited) {
    throw new ApiError("rate_limited", `At most ${AVATAR_UPLOADS_PER_HOUR} avatar uploads an hour are allowed. Please try again later.`, {
      retryAfter: state.retryAfter,
      limit: "avatar_uploads",
    });
  }
}
