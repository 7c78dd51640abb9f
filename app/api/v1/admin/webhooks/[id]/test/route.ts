import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";
import { sendWebhookTest } from "@/lib/webhooks/webhook-deliveries";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}/test:
 *   post:
 *     operationId: sendWebhookTest
 *     summary: Send a test event
 *     description: >-
 *       Queues a `webhook.test` event for this endpoint alone; its delivery shows in the endpoint's deliveries.
 *       Administrators only.
 *     responses:
 *       '404':
 *         description: "`not_found`: no webhook endpoint has this id."
 *       '409':
 *         description: "`conflict`: the endpoint is disabled; enable it first."
 */
// POST /api/v1/admin/webhooks/{id}/test – send a webhook.test event (administrators)
export const POST = route({ auth: "admin", params: idParams, response: { status: 202, description: "The test event is queued." } }, async ({ db, params }) => {
  await sendWebhookTest({ db, id: params.id });
  return new Response(null, { status: 202, headers: { "cache-control": "no-store" } });
});
