import type { WebhookEventType } from "@/lib/webhooks/event-types";
import type { WebhookDeliveryPage, WebhookEndpointView, WebhookEndpointWithSecret } from "@/lib/webhooks/schemas";
import { AdminApiError, call } from "./admin-api";

const base = "/api/v1/admin/webhooks";
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export function fetchWebhooks(): Promise<{ items: WebhookEndpointView[] }> {
  return call(base);
}

export function createWebhook(input: { url: string; events: WebhookEventType[]; description?: string }): Promise<WebhookEndpointWithSecret> {
  return call(base, { method: "POST", body: JSON.stringify(input) });
}

export function updateWebhook({ id, changes }: { id: string; changes: { enabled?: boolean } }): Promise<WebhookEndpointView> {
  return call(one(id), { method: "PATCH", body: JSON.stringify(changes) });
}

export function deleteWebhook(id: string): Promise<unknown> {
  return call(one(id), { method: "DELETE" });
}

export function rotateWebhookSecret(id: string): Promise<WebhookEndpointWithSecret> {
  return call(`${one(id)}/rotate-secret`, { method: "POST" });
}

export function sendWebhookTest(id: string): Promise<unknown> {
  return call(`${one(id)}/test`, { method: "POST" });
}

export function fetchWebhookDeliveries({ id, cursor }: { id: string; cursor?: string }): Promise<WebhookDeliveryPage> {
  const params = new URLSearchParams({ limit: "20" });
  if (cursor) params.set("cursor", cursor);
  return call(`${one(id)}/deliveries?${params.toString()}`);
}

export function retryWebhookDelivery({ id, deliveryId }: { id: string; deliveryId: string }): Promise<unknown> {
  return call(`${one(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`, { method: "POST" });
}

/** An error of these calls in plain words. */
export function problemText(error: Error): string {
  if (error instanceof AdminApiError && error.status === 401) return "Your session has ended. Sign in again.";
  return error.message;
}
