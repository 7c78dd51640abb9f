import { listUsers } from "@/lib/admin/list-users";
import { adminUserPage, adminUsersQuery } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

/**
 * @openapi
 * /api/v1/admin/users:
 *   get:
 *     operationId: listAdminUsers
 *     summary: List and search accounts
 *     description: >-
 *       Accounts newest first, with their invitee counts, by cursor pagination. `query` matches a fragment
 *       of the phone number (its digits; a whole number may be written in any format) or the start of an
 *       invite code. Administrators only.
 *     responses:
 *       '400':
 *         description: "`invalid_cursor`: a cursor this API did not return."
 */
// GET /api/v1/admin/users – search and page through accounts (administrators)
export const GET = route({ auth: "admin", query: adminUsersQuery, response: { description: "One page of accounts.", schema: adminUserPage } }, async ({ db, query }) => listUsers({ db, ...query }));
