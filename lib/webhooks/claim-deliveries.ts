import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";

export interface ClaimedDelivery {
  id: string;
  /** This attempt's number; the result is recorded only if the row still has it (see recordAttempt). */
  attempt: number;
  eventId: string;
  payload: string;
  endpointId: string;
  url: string;
  secret: string;
}

interface ClaimedRow {
  id: string;
  attempt: number;
  event_id: string;
  payload: string;
  endpoint_id: string;
  url: string;
  secret: string;
}

interface ClaimInput {
  db: Database;
  /** At most this many rows. */
  limit: number;
  /** At most this many attempts in flight per endpoint, over every instance. */
  perEndpoint: number;
  /** How long the claim holds: longer than an attempt can take. Past it, another worker may try again. */
  leaseMs: number;
}

/**
 * Takes due deliveries of enabled endpoints for one attempt each. Rows are locked FOR UPDATE SKIP LOCKED and
 * leased (the attempt counted) in the same statement, so two workers, in this process or another, never take
 * the same attempt: the second skips rows the first holds, and once the first commits, the lease excludes them.
 * Each endpoint gets no more than `perEndpoint` minus its attempts already in flight.
 */
export async function claimDueDeliveries({ db, limit, perEndpoint, leaseMs }: ClaimInput): Promise<ClaimedDelivery[]> {
  const result = await db.execute(sql`
    with claimed as (
      update webhook_deliveries d
      set lease_expires_at = now() + make_interval(secs => ${leaseMs / 1000}),
          attempts = d.attempts + 1,
          last_attempt_at = now(),
          updated_at = now()
      where d.id in (
        select due.id
        from webhook_endpoints e
        cross join lateral (
          select x.id from webhook_deliveries x
          where x.endpoint_id = e.id and x.status = 'pending' and x.next_attempt_at <= now()
            and (x.lease_expires_at is null or x.lease_expires_at <= now())
          order by x.next_attempt_at
          limit (
            select greatest(0, ${perEndpoint}::int - count(*)::int) from webhook_deliveries f
            where f.endpoint_id = e.id and f.status = 'pending' and f.lease_expires_at > now()
          )
          for update skip locked
        ) due
        where e.enabled
        limit ${limit}
      )
      returning d.id, d.attempts, d.event_id, d.endpoint_id
    )
    select claimed.id, claimed.attempts as attempt, claimed.event_id, ev.payload, claimed.endpoint_id, e.url, e.secret
    from claimed
    join webhook_events ev on ev.id = claimed.event_id
    join webhook_endpoints e on e.id = claimed.endpoint_id`);
  return rowsOf<ClaimedRow>(result).map((row) => ({
    id: row.id,
    attempt: Number(row.attempt),
    eventId: row.event_id,
    payload: row.payload,
    endpointId: row.endpoint_id,
    url: row.url,
    secret: row.secret,
  }));
}

/** postgres.js returns the rows as the result; PGlite as `rows` of it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []);
}
