import { json, route } from "@/lib/http/route";
import { createWebhookBody } from "@/lib/webhooks/schemas";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/webhook-endpoints";

/**
 * @openapi
 * /api/v1/admin/webhooks:
 *   post:
 *     summary: Add a webhook endpoint
 *     description: >-
 *       Registers a URL that gets the chosen events, signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 *       `webhook-signature`). The answer holds the signing secret (`whsec_…`), shown only here and at rotation.
 *       The URL must be `https` and resolve to public addresses (`400 webhook_url_not_allowed`) unless the server
 *       sets WEBHOOK_ALLOW_PRIVATE_NETWORKS=true. Administrators only.
 *     tags: [Administration]
 *     security: [{bearerAuth: []}, {cookieAuth: []}]
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema:
 *             $ref: '#/components/schemas/CreateWebhookRequest'
 *     responses:
 *       201:
 *         description: The endpoint, with its secret.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/WebhookEndpointWithSecret'
 *       400:
 *         description: "`validation_error` (bad URL, unknown event, empty list, unknown field), `invalid_json` or `webhook_url_not_allowed` (not https, or a private, loopback or reserved address)."
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
 *       415:
 *         description: "`unsupported_media_type`: the body is not JSON."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *   get:
 *     summary: List webhook endpoints
 *     description: >-
 *       Every endpoint, oldest first, without secrets; disabled ones say why. Administrators only.
 *     tags: [Administration]
 *     security: [{bearerAuth: []}, {cookieAuth: []}]
 *     responses:
 *       200:
 *         description: The endpoints.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/WebhookEndpointList'
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
 */
// POST /api/v1/admin/webhooks – add a webhook endpoint (administrators)
export const POST = route({ auth: "admin", body: createWebhookBody }, async ({ db, body }) =>
  json(await createWebhookEndpoint({ db, input: body }), { status: 201 }),
);

// GET /api/v1/admin/webhooks – list webhook endpoints (administrators)
export const GET = route({ auth: "admin" }, async ({ db }) => listWebhookEndpoints({ db }));
