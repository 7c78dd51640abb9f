import { listUsers } from "@/lib/admin/list-users";
import { adminUsersQuery } from "@/lib/admin/schemas";
import { route } from "@/lib/http/route";

/**
 * @openapi
 * /api/v1/admin/users:
 *   get:
 *     summary: List and search accounts
 *     description: >-
 *       Accounts newest first, with their invitee counts, by cursor pagination. `query` matches a fragment
 *       of the phone number (its digits; a whole number may be written in any format) or the start of an
 *       invite code. Administrators only.
 *     tags: [Administration]
 *     security: [{bearerAuth: []}, {cookieAuth: []}]
 *     parameters:
 *       - name: query
 *         in: query
 *         required: false
 *         description: Phone fragment or invite code (up to 64 characters).
 *         schema:
 *           type: string
 *           maxLength: 64
 *       - name: limit
 *         in: query
 *         required: false
 *         description: Page size, 1–100.
 *         schema:
 *           type: integer
 *           minimum: 1
 *           maximum: 100
 *           default: 20
 *       - name: cursor
 *         in: query
 *         required: false
 *         description: The `nextCursor` of the previous page.
 *         schema:
 *           type: string
 *     responses:
 *       200:
 *         description: One page of accounts.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/AdminUserPage'
 *       400:
 *         description: "`validation_error` (bad `limit`, unknown parameter) or `invalid_cursor`."
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
 */
// GET /api/v1/admin/users – search and page through accounts (administrators)
export const GET = route({ auth: "admin", query: adminUsersQuery }, async ({ db, query }) => listUsers({ db, ...query }));
