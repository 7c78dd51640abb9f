import "server-only";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Database } from "@/db";
import type { WebhookEventType } from "./event-types";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import type { WebhookDeliveriesQuery, WebhookDeliveryPage } from "./schemas";
import { endpointNotFound } from "./webhook-endpoints";
import { wakeWebhookWorker } from "./webhook-worker-registry";

async function findEndpoint(db: Database, id: string) {
  const [endpoint] = await db
    .select({ id: webhookEndpoints.id, enabled: webhookEndpoints.enabled })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, id));
  if (!endpoint) throw endpointNotFound();
  return endpoint;
}

function decodeCursor(cursor: string): number {
  if (/^[1-9]\d{0,15}$/.test(cursor)) return Number(cursor);
  throw new ApiError("invalid_cursor", "The cursor is not one this API returned. Start again without a cursor.");
}

/** An endpoint's deliveries, newest first, with each one's last answer. */
export async function listWebhookDeliveries({ db, id, query }: { db: Database; id: string; query: WebhookDeliveriesQuery }): Promise<WebhookDeliveryPage> {
  const endpoint = await findEndpoint(db, id);
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const rows = await db
    .select({
      seq: webhookDeliveries.seq,
      id: webhookDeliveries.id,
      eventId: webhookDeliveries.eventId,
      eventType: webhookEvents.type,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastResponse: webhookDeliveries.lastResponse,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), before === undefined ? undefined : lt(webhookDeliveries.seq, before)))
    .orderBy(desc(webhookDeliveries.seq))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      status: row.status,
      attempts: row.attempts,
      lastStatusCode: row.lastStatusCode,
      lastError: row.lastError,
      lastResponse: row.lastResponse,
      eventType: row.eventType as WebhookEventType,
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)!.seq) : null,
  };
}

function endpointDisabled(): ApiError {
  return new ApiError("conflict", "The endpoint is disabled. Enable it first.");
}

/**
 * Makes one more attempt of a delivery now, whatever its state, with the same webhook-id. An attempt in flight
 * is left to finish. A failed delivery that fails again is failed again (its schedule is used up).
 */
export async function retryWebhookDelivery({ db, id, deliveryId }: { db: Database; id: string; deliveryId: string }): Promise<void> {
  const endpoint = await findEndpoint(db, id);
  const delivery = deliveryId;
  if (!endpoint.enabled) throw endpointDisabled();
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(webhookDeliveries.id, delivery),
        eq(webhookDeliveries.endpointId, endpoint.id),
        sql`(${webhookDeliveries.leaseExpiresAt} is null or ${webhookDeliveries.leaseExpiresAt} <= now())`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  if (!row) {
    const [exists] = await db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, delivery), eq(webhookDeliveries.endpointId, endpoint.id)));
    if (!exists) throw new ApiError("not_found", "This endpoint has no delivery with this id.");
  }
  wakeWebhookWorker();
}

/** Queues a `webhook.test` event for this endpoint alone. */
export async function sendWebhookTest({ db, id }: { db: Database; id: string }): Promise<{ eventId: string }> {
  const endpoint = await findEndpoint(db, id);
  if (!endpoint.enabled) throw endpointDisabled();
  const payload = JSON.stringify({
    type: "webhook.test",
    timestamp: new Date().toISOString(),
    data: { endpointId: endpoint.id, message: "A test event sent from the administration page." },
  });
  const eventId = await db.transaction(async (tx) => {
    const [event] = await tx.insert(webhookEvents).values({ type: "webhook.test", payload }).returning({ id: webhookEvents.id });
    await tx.insert(webhookDeliveries).values({ eventId: event!.id, endpointId: endpoint.id });
    return event!.id;
  });
  wakeWebhookWorker();
  return { eventId };
}
