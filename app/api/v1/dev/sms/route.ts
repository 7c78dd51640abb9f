import { listOutbox } from "@/lib/sms/list-outbox";
import { outbox, outboxQuery } from "@/lib/sms/schemas";
import { route } from "@/lib/http/route";

// GET /api/v1/dev/sms – one phone's simulated SMS, newest first (only with SMS_PROVIDER=simulated)
/**
 * @openapi
 * /api/v1/dev/sms:
 *   get:
 *     operationId: listSimulatedSms
 *     summary: Read the simulated SMS outbox
 *     description: |
 *       The latest 50 messages of the simulated SMS provider to one phone, newest first, with the code of each.
 *       `phone` is required: other numbers are never listed. Only while `SMS_PROVIDER=simulated` (the default in
 *       development; in production only with `DEMO_MODE=true`); with a real provider it answers 404.
 *     responses:
 *       '400':
 *         description: "`invalid_phone`: `phone` is not a phone number."
 *       '404':
 *         description: "`not_found`: a real SMS provider is configured, so there is no outbox."
 */
export const GET = route({ query: outboxQuery, response: { description: "The messages, newest first.", schema: outbox } }, async ({ db, query }) => listOutbox({ db, phone: query.phone }));
