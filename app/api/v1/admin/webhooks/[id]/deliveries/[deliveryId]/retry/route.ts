import { webhookDeliveryParams } from "@/lib/webhooks/route-params";
import { route } from "@/lib/http/route";
import { retryWebhookDelivery } from "@/lib/webhooks/webhook-deliveries";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/retry:
 *   post:
 *     operationId: retryWebhookDelivery
 *     summary: Retry a delivery now
 *     description: >-
 *       Makes one more attempt of the delivery at once, whatever its status, with the same `webhook-id`.
 *       Administrators only.
 *     responses:
 *       '404':
 *         description: "`not_found`: no such endpoint, or it has no delivery with this id."
 *       '409':
 *         description: "`conflict`: the endpoint is disabled; enable it first."
 */
// POST /api/v1/admin/webhooks/{id}/deliveries/{deliveryId}/retry – attempt a delivery again now (administrators)
export const POST = route({ auth: "admin", params: webhookDeliveryParams, response: { status: 202, description: "The attempt is queued." } }, async ({ db, params }) => {
  await retryWebhookDelivery({ db, id: params.id, deliveryId: params.deliveryId });
  return new Response(null, { status: 202, headers: { "cache-control": "no-store" } });
});
