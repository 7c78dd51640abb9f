import { idParams } from "@/lib/http/id-params";
import { route } from "@/lib/http/route";
import { rotateWebhookSecret } from "@/lib/webhooks/webhook-endpoints";
import { webhookEndpointWithSecret } from "@/lib/webhooks/schemas";

/**
 * @openapi
 * /api/v1/admin/webhooks/{id}/rotate-secret:
 *   post:
 *     operationId: rotateWebhookSecret
 *     summary: Rotate the signing secret
 *     description: >-
 *       Replaces the endpoint's secret; attempts from now on are signed with the new one, shown only in this
 *       answer. Administrators only.
 *     responses:
 *       '404':
 *         description: "`not_found`: no webhook endpoint has this id."
 */
// POST /api/v1/admin/webhooks/{id}/rotate-secret – a new signing secret, shown once (administrators)
export const POST = route({ auth: "admin", params: idParams, response: { description: "The endpoint with its new secret.", schema: webhookEndpointWithSecret } }, async ({ db, params }) => rotateWebhookSecret({ db, id: params.id }));
