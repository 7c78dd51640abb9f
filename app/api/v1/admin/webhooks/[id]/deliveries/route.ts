import { route } from "@/lib/http/route";
import { webhookDeliveriesQuery } from "@/lib/webhooks/schemas";
import { listWebhookDeliveries } from "@/lib/webhooks/webhook-deliveries";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}/deliveries:
 *   get:
 *     summary: List an endpoint's deliveries
 *     description: >-
 *       The endpoint's deliveries, newest first, by cursor pagination: event, status, attempts, the last answer's
 *       status code, error and body, and when the next attempt is due. Administrators only.
 *     tags: [Administration]
 *     security: [{bearerAuth: []}, {cookieAuth: []}]
 *     parameters:
 *       - name: id
 *         in: path
 *         required: true
 *         description: The endpoint's id.
 *         schema:
 *           type: string
 *           format: uuid
 *       - name: limit
 *         in: query
 *         required: false
 *         description: Page size, 1–100.
 *         schema:
 *           type: integer
 *           minimum: 1
 *           maximum: 100
 *           default: 20
 *       - name: cursor
 *         in: query
 *         required: false
 *         description: The `nextCursor` of the previous page.
 *         schema:
 *           type: string
 *     responses:
 *       200:
 *         description: One page of deliveries.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/WebhookDeliveryPage'
 *       400:
 *         description: "`validation_error` (bad id or `limit`, unknown parameter) or `invalid_cursor`."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       401:
 *         description: "`unauthorized` or `invalid_token`."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       403:
 *         description: "`forbidden`: the account is not an administrator."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       404:
 *         description: "`not_found`: no webhook endpoint has this id."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 */
// GET /api/v1/admin/webhooks/{id}/deliveries – an endpoint's deliveries, newest first (administrators)
export const GET = route({ auth: "admin", query: webhookDeliveriesQuery }, async ({ db, params, query }) =>
  listWebhookDeliveries({ db, id: params.id ?? "", query }),
);
