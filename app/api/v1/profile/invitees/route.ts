import { route } from "@/lib/http/route";
import { listInvitees } from "@/lib/invites/list-invitees";
import { inviteeQuery } from "@/lib/invites/schemas";

// GET /api/v1/profile/invitees – page through the users who activated the signed-in user's code
/**
 * @openapi
 * /api/v1/profile/invitees:
 *   get:
 *     summary: List invitees
 *     description: >-
 *       The phones of the users who activated the signed-in account's invite code, newest first, by keyset
 *       (cursor) pagination: pass the previous page's `nextCursor` as `cursor` until it is null. Invitees who
 *       arrive meanwhile show on a fresh first page; the pages being walked get neither duplicates nor gaps.
 *     tags: [Profile]
 *     security:
 *       - bearerAuth: []
 *       - cookieAuth: []
 *     x-query-schema: InviteeQuery
 *     responses:
 *       200:
 *         description: One page of invitees with the total count.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/InviteePage'
 *       400:
 *         description: "`validation_error` (limit not an integer 1–100, unknown or repeated parameters), `invalid_cursor` (a cursor this API did not return)."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       401:
 *         description: "`unauthorized` (no credentials), `invalid_token` (expired token, ended session)."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       503:
 *         description: "`service_unavailable`: the database does not answer; retry after `Retry-After` seconds."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 */
export const GET = route({ auth: "user", query: inviteeQuery }, async ({ db, auth, query }) =>
  listInvitees({ db, owner: auth.user, limit: query.limit, cursor: query.cursor }),
);
