import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import type { ClaimedDelivery } from "./claim-deliveries";
import { DISABLED_AUTOMATICALLY } from "./disabled-reason";
import { rowsOf } from "./claim-deliveries";
import type { AttemptResult } from "./send-webhook";

interface RecordAttemptInput {
  db: Database;
  delivery: Pick<ClaimedDelivery, "id" | "attempt" | "endpointId">;
  result: AttemptResult;
  /** Seconds to wait after failed attempt 1, 2, …; past the last, the delivery is failed. */
  retrySchedule: readonly number[];
  disableAfterHours: number;
}

/**
 * Stores an attempt's outcome and releases the lease: a success ends the delivery and clears the endpoint's
 * failure record; a failure schedules the next attempt (or fails the delivery when the schedule is used up),
 * marks the endpoint failing since now unless it already was, and disables it once it has been failing for
 * `disableAfterHours`. Recorded only if the row is still at this attempt: a worker whose lease ran out while it
 * waited must not overwrite the attempt of the worker that took over.
 */
export async function recordAttempt({ db, delivery, result, retrySchedule, disableAfterHours }: RecordAttemptInput): Promise<void> {
  const retryAfter = retrySchedule[delivery.attempt - 1];
  const status = result.ok ? "succeeded" : retryAfter === undefined ? "failed" : "pending";
  await db.transaction(async (tx) => {
    const updated = rowsOf(
      await tx.execute(sql`
        update webhook_deliveries
        set status = ${status},
            lease_expires_at = null,
            next_attempt_at = case when ${status} = 'pending' then now() + make_interval(secs => ${retryAfter ?? 0}) else next_attempt_at end,
            last_status_code = ${result.statusCode},
            last_error = ${result.error},
            last_response = ${result.response},
            updated_at = now()
        where id = ${delivery.id} and attempts = ${delivery.attempt} and status = 'pending'
        returning id`),
    );
    if (updated.length === 0) return;
    if (result.ok) {
      await tx.execute(sql`update webhook_endpoints set failing_since = null where id = ${delivery.endpointId} and failing_since is not null`);
      return;
    }
    await tx.execute(sql`
      update webhook_endpoints
      set failing_since = coalesce(failing_since, now()),
          enabled = case when failing_since <= now() - make_interval(hours => ${disableAfterHours}) then false else enabled end,
          disabled_reason = case
            when enabled and failing_since <= now() - make_interval(hours => ${disableAfterHours})
            then ${DISABLED_AUTOMATICALLY}::text || ' every attempt failed for ' || ${disableAfterHours}::text || ' hours (since '
              || to_char(failing_since at time zone 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC). Fix the receiver, then enable it again.'
            else disabled_reason end,
          updated_at = now()
      where id = ${delivery.endpointId}`);
  });
}
