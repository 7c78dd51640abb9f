import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type WebhookEndpoint, webhookEndpoints } from "@/db/schema";
import { DISABLED_BY_ADMINISTRATOR } from "./disabled-reason";
import type { WebhookEventType } from "./event-types";
import { env } from "@/lib/config/env";
import { ApiError } from "@/lib/errors/api-error";
import type { CreateWebhookInput, UpdateWebhookChanges, WebhookEndpointView, WebhookEndpointWithSecret } from "./schemas";
import { generateWebhookSecret } from "./webhook-signature";
import { resolveWebhookTarget, WebhookTargetRefused } from "./webhook-target";

export function endpointNotFound(): ApiError {
  return new ApiError("not_found", "There is no webhook endpoint with this id.");
}

function toView(row: WebhookEndpoint): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: row.events as WebhookEventType[],
    description: row.description,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** `400 webhook_url_not_allowed` unless the URL is one the worker would send to now. */
async function assertUrlAllowed(url: string): Promise<void> {
  try {
    await resolveWebhookTarget({ url, allowPrivate: env().WEBHOOK_ALLOW_PRIVATE_NETWORKS });
  } catch (error) {
    if (error instanceof WebhookTargetRefused) throw new ApiError("webhook_url_not_allowed", error.message);
    throw error;
  }
}

export async function createWebhookEndpoint({ db, input }: { db: Database; input: CreateWebhookInput }): Promise<WebhookEndpointWithSecret> {
  await assertUrlAllowed(input.url);
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ url: input.url, events: input.events, description: input.description ?? null, secret: generateWebhookSecret() })
    .returning();
  return { ...toView(row!), secret: row!.secret };
}

export async function listWebhookEndpoints({ db }: { db: Database }): Promise<{ items: WebhookEndpointView[] }> {
  const rows = await db.select().from(webhookEndpoints).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  return { items: rows.map(toView) };
}

export async function getWebhookEndpoint({ db, id }: { db: Database; id: string }): Promise<WebhookEndpointView> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row) throw endpointNotFound();
  return toView(row);
}

/**
 * Changes an endpoint. Enabling clears its failure record (a fresh 72 hours); disabling by hand says so in
 * `disabledReason`. Deliveries already pending stay, and go out once the endpoint is enabled again.
 */
export async function updateWebhookEndpoint({ db, id, changes }: { db: Database; id: string; changes: UpdateWebhookChanges }): Promise<WebhookEndpointView> {
  if (changes.url !== undefined) await assertUrlAllowed(changes.url);
  const { enabled, ...rest } = changes;
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...rest,
      ...(enabled === true ? { enabled, disabledReason: null, failingSince: null } : {}),
      ...(enabled === false ? { enabled, disabledReason: DISABLED_BY_ADMINISTRATOR } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!row) throw endpointNotFound();
  return toView(row);
}

/** Deletes the endpoint and its deliveries (the events stay until retention prunes them). */
export async function deleteWebhookEndpoint({ db, id }: { db: Database; id: string }): Promise<void> {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  if (!row) throw endpointNotFound();
}

/** A new secret, in force from the next attempt on, shown in this answer only. */
export async function rotateWebhookSecret({ db, id }: { db: Database; id: string }): Promise<WebhookEndpointWithSecret> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secret: generateWebhookSecret(), updatedAt: sql`now()` })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!row) throw endpointNotFound();
  return { ...toView(row), secret: row.secret };
}
