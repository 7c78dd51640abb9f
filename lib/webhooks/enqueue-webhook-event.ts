import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import type { User } from "@/db/schema";
import type { WebhookEventType } from "./event-types";
import { wakeWebhookWorker } from "./webhook-worker-registry";

/** The `user` object of an event: ids as strings, the phone in E.164. */
export function webhookUser(user: Pick<User, "id" | "phone" | "inviteCode" | "createdAt">) {
  return { id: user.id, phone: user.phone, inviteCode: user.inviteCode, createdAt: user.createdAt.toISOString() };
}

/**
 * Writes an event to the outbox in the caller's transaction, with one pending delivery for every enabled
 * endpoint that subscribed to its type: it commits with the change or not at all. Nothing is written when no
 * endpoint wants it. One statement, so a sign-up pays one round trip for it.
 */
export async function enqueueWebhookEvent({ tx, type, data }: { tx: Executor; type: Exclude<WebhookEventType, "webhook.test">; data: object }): Promise<void> {
  const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  await tx.execute(sql`
    with targets as (select id from webhook_endpoints where enabled and ${type}::text = any(events)),
    event as (
      insert into webhook_events (type, payload) select ${type}, ${payload} where exists (select 1 from targets) returning id
    )
    insert into webhook_deliveries (event_id, endpoint_id) select event.id, targets.id from event, targets`);
  // The transaction has not committed yet; the worker of this instance looks again in a moment.
  wakeWebhookWorker();
}
