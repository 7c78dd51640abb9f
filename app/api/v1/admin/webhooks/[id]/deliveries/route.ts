import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";
import { webhookDeliveriesQuery, webhookDeliveryPage } from "@/lib/webhooks/schemas";
import { listWebhookDeliveries } from "@/lib/webhooks/webhook-deliveries";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}/deliveries:
 *   get:
 *     operationId: listWebhookDeliveries
 *     summary: List an endpoint's deliveries
 *     description: >-
 *       The endpoint's deliveries, newest first, by cursor pagination: event, status, attempts, the last answer's
 *       status code, error and body, and when the next attempt is due. Administrators only.
 *     responses:
 *       '400':
 *         description: "`invalid_cursor`: a cursor this API did not hand out."
 *       '404':
 *         description: "`not_found`: no webhook endpoint has this id."
 */
// GET /api/v1/admin/webhooks/{id}/deliveries – an endpoint's deliveries, newest first (administrators)
export const GET = route({ auth: "admin", query: webhookDeliveriesQuery, params: idParams, response: { description: "One page of deliveries.", schema: webhookDeliveryPage } }, async ({ db, params, query }) =>
  listWebhookDeliveries({ db, id: params.id, query }),
);
