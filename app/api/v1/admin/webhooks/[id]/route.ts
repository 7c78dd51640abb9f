import { route } from "@/lib/http/route";
import { updateWebhookBody } from "@/lib/webhooks/schemas";
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/webhook-endpoints";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}:
 *   get:
 *     summary: Get a webhook endpoint
 *     description: >-
 *       One endpoint, without its secret. Administrators only.
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
 *     responses:
 *       200:
 *         description: The endpoint.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/WebhookEndpoint'
 *       400:
 *         description: "`validation_error`: the id is not a UUID."
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
 *   patch:
 *     summary: Change a webhook endpoint
 *     description: >-
 *       Changes the URL (checked as at creation), the events, the description, or enables or disables the
 *       endpoint. Enabling clears its failure record; deliveries still pending go out again. Administrators only.
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
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema:
 *             $ref: '#/components/schemas/UpdateWebhookRequest'
 *     responses:
 *       200:
 *         description: The endpoint as it is now.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/WebhookEndpoint'
 *       400:
 *         description: "`validation_error`, `invalid_json` or `webhook_url_not_allowed`."
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
 *         description: "`forbidden` (not an administrator) or `csrf_rejected`."
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
 *       415:
 *         description: "`unsupported_media_type`: the body is not JSON."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *   delete:
 *     summary: Delete a webhook endpoint
 *     description: >-
 *       Deletes the endpoint and its deliveries; nothing more is sent to it. Administrators only.
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
 *     responses:
 *       204:
 *         description: Deleted.
 *       400:
 *         description: "`validation_error`: the id is not a UUID."
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
 *         description: "`forbidden` (not an administrator) or `csrf_rejected`."
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
// GET /api/v1/admin/webhooks/{id} – one webhook endpoint (administrators)
export const GET = route({ auth: "admin" }, async ({ db, params }) => getWebhookEndpoint({ db, id: params.id ?? "" }));

// PATCH /api/v1/admin/webhooks/{id} – change, enable or disable a webhook endpoint (administrators)
export const PATCH = route({ auth: "admin", body: updateWebhookBody }, async ({ db, params, body }) =>
  updateWebhookEndpoint({ db, id: params.id ?? "", changes: body }),
);

// DELETE /api/v1/admin/webhooks/{id} – delete a webhook endpoint (administrators)
export const DELETE = route({ auth: "admin" }, async ({ db, params }) => {
  await deleteWebhookEndpoint({ db, id: params.id ?? "" });
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
