import { json, route } from "@/lib/http/route";
import { createWebhookBody, webhookEndpointList, webhookEndpointWithSecret } from "@/lib/webhooks/schemas";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/webhook-endpoints";

/**
 * @openapi
 * /api/v1/admin/webhooks:
 *   post:
 *     operationId: createWebhookEndpoint
 *     summary: Add a webhook endpoint
 *     description: >-
 *       Registers a URL that gets the chosen events, signed as Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 *       `webhook-signature`). The answer holds the signing secret (`whsec_…`), shown only here and at rotation.
 *       The URL must be `https` and resolve to public addresses unless the server sets
 *       WEBHOOK_ALLOW_PRIVATE_NETWORKS=true. Administrators only.
 *     responses:
 *       '400':
 *         description: "`webhook_url_not_allowed`: not https, a user name or password in the URL, a host that does not resolve, or a private, loopback or reserved address."
 *   get:
 *     operationId: listWebhookEndpoints
 *     summary: List webhook endpoints
 *     description: >-
 *       Every endpoint, oldest first, without secrets; disabled ones say why. Administrators only.
 */
// POST /api/v1/admin/webhooks – add a webhook endpoint (administrators)
export const POST = route({ auth: "admin", body: createWebhookBody, response: { status: 201, description: "The endpoint, with its secret.", schema: webhookEndpointWithSecret } }, async ({ db, body }) =>
  json(await createWebhookEndpoint({ db, input: body }), { status: 201 }),
);

// GET /api/v1/admin/webhooks – list webhook endpoints (administrators)
export const GET = route({ auth: "admin", response: { description: "The endpoints.", schema: webhookEndpointList } }, async ({ db }) => listWebhookEndpoints({ db }));
