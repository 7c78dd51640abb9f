import { getAdminStats } from "@/lib/admin/get-admin-stats";
import { route } from "@/lib/http/route";
import { adminStats } from "@/lib/admin/schemas";

/**
 * @openapi
 * /api/v1/admin/stats:
 *   get:
 *     operationId: getAdminStats
 *     summary: Statistics
 *     description: >-
 *       Accounts in total, invite-code activations, the 10 accounts with the most invitees, and sign-ups
 *       per UTC day for the last 30 days (today last, days without sign-ups as 0). Administrators only.
 */
// GET /api/v1/admin/stats – totals, top referrers and sign-ups per day (administrators)
export const GET = route({ auth: "admin", response: { description: "The statistics.", schema: adminStats } }, async ({ db }) => getAdminStats({ db }));
