import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";
import { updateWebhookBody, webhookEndpoint } from "@/lib/webhooks/schemas";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/webhook-endpoints";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}:
 *   get:
 *     operationId: getWebhookEndpoint
 *     summary: Get a webhook endpoint
 *     description: >-
 *       One endpoint, without its secret. Administrators only.
 *     responses:
 *       '404':
 *         description: "`not_found`: no webhook endpoint has this id."
 *   patch:
 *     operationId: updateWebhookEndpoint
 *     summary: Change a webhook endpoint
 *     description: >-
 *       Changes the URL (checked as at creation), the events, the description, or enables or disables the
 *       endpoint. Enabling clears its failure record; deliveries still pending go out again. Administrators only.
 *     responses:
 *       '400':
 *         description: "`webhook_url_not_allowed`: the new URL is not allowed (as at creation)."
 *       '404':
 *         description: "`not_found`: no webhook endpoint has this id."
 *   delete:
 *     operationId: deleteWebhookEndpoint
 *     summary: Delete a webhook endpoint
 *     description: >-
 *       Deletes the endpoint and its deliveries; nothing more is sent to it. Administrators only.
 *     responses:
 *       '404':
 *         description: "`not_found`: no webhook endpoint has this id."
 */
// GET /api/v1/admin/webhooks/{id} – one webhook endpoint (administrators)
export const GET = route({ auth: "admin", params: idParams, response: { description: "The endpoint.", schema: webhookEndpoint } }, async ({ db, params }) => getWebhookEndpoint({ db, id: params.id }));

// PATCH /api/v1/admin/webhooks/{id} – change, enable or disable a webhook endpoint (administrators)
export const PATCH = route({ auth: "admin", body: updateWebhookBody, params: idParams, response: { description: "The endpoint as it is now.", schema: webhookEndpoint } }, async ({ db, params, body }) =>
  updateWebhookEndpoint({ db, id: params.id, changes: body }),
);

// DELETE /api/v1/admin/webhooks/{id} – delete a webhook endpoint (administrators)
export const DELETE = route({ auth: "admin", params: idParams, response: { status: 204, description: "Deleted." } }, async ({ db, params }) => {
  await deleteWebhookEndpoint({ db, id: params.id });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
