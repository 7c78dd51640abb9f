import { route } from "@/lib/http/route";
import { listInvitees } from "@/lib/invites/list-invitees";
import { inviteePage, inviteeQuery } from "@/lib/invites/schemas";

// GET /api/v1/profile/invitees – page through the users who activated the signed-in user's code
/**
 * @openapi
 * /api/v1/profile/invitees:
 *   get:
 *     operationId: listInvitees
 *     summary: List invitees
 *     description: >-
 *       The phones of the users who activated the signed-in account's invite code, newest first, by keyset
 *       (cursor) pagination: pass the previous page's `nextCursor` as `cursor` until it is null. Invitees who
 *       arrive meanwhile show on a fresh first page; the pages being walked get neither duplicates nor gaps.
 *     responses:
 *       '400':
 *         description: "`invalid_cursor`: a cursor this API did not return."
 */
export const GET = route({ auth: "user", query: inviteeQuery, response: { description: "One page of invitees with the total count.", schema: inviteePage } }, async ({ db, auth, query }) =>
  listInvitees({ db, owner: auth.user, limit: query.limit, cursor: query.cursor }),
);
