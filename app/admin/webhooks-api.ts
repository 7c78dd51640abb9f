import type { WebhookEventType } from "@/lib/webhooks/event-types";
import { callApi } from "@/lib/web/call-api";

const byId = (id: string) => ({ params: { path: { id } } });

export function fetchWebhooks() {
  return callApi((api) => api.GET("/api/v1/admin/webhooks"));
}

export function createWebhook(body: { url: string; events: WebhookEventType[]; description?: string }) {
  return callApi((api) => api.POST("/api/v1/admin/webhooks", { body }));
}

export function updateWebhook({ id, changes }: { id: string; changes: { enabled?: boolean } }) {
  return callApi((api) => api.PATCH("/api/v1/admin/webhooks/{id}", { ...byId(id), body: changes }));
}

export function deleteWebhook(id: string) {
  return callApi((api) => api.DELETE("/api/v1/admin/webhooks/{id}", byId(id)));
}

export function rotateWebhookSecret(id: string) {
  return callApi((api) => api.POST("/api/v1/admin/webhooks/{id}/rotate-secret", byId(id)));
}

export function sendWebhookTest(id: string) {
  return callApi((api) => api.POST("/api/v1/admin/webhooks/{id}/test", byId(id)));
}

export function fetchWebhookDeliveries({ id, cursor }: { id: string; cursor?: string }) {
  return callApi((api) =>
    api.GET("/api/v1/admin/webhooks/{id}/deliveries", { params: { path: { id }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );
}

export function retryWebhookDelivery({ id, deliveryId }: { id: string; deliveryId: string }) {
  return callApi((api) => api.POST("/api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/retry", { params: { path: { id, deliveryId } } }));
}
