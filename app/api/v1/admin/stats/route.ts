import { getAdminStats } from "@/lib/admin/get-admin-stats";
import { route } from "@/lib/http/route";

/**
 * @openapi
 * /api/v1/admin/stats:
 *   get:
 *     operationId: getAdminStats
 *     summary: Statistics
 *     description: >-
 *       Accounts in total, invite-code activations, the 10 accounts with the most invitees, and sign-ups
 *       per UTC day for the last 30 days (today last, days without sign-ups as 0). Administrators only.
 *     tags: [Administration]
 *     responses:
 *       '200':
 *         description: The statistics.
 *         content: { application/json: { schema: { $ref: '#/components/schemas/AdminStats' } } }
 */
// GET /api/v1/admin/stats – totals, top referrers and sign-ups per day (administrators)
export const GET = route({ auth: "admin" }, async ({ db }) => getAdminStats({ db }));
