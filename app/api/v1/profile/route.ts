import { route } from "@/lib/http/route";
import { getProfile } from "@/lib/users/get-profile";

// GET /api/v1/profile – the signed-in user's profile with the first page of invitees
/**
 * @openapi
 * /api/v1/profile:
 *   get:
 *     operationId: getProfile
 *     summary: Get the profile
 *     description: |
 *       The signed-in user's profile: phone, own invite code, the invite code they activated (or null), and the
 *       first page (at most 50, newest first) of the users who activated their code; page through all of them at
 *       `GET /api/v1/profile/invitees`.
 *     tags: [Profile]
 *     security: [{ bearerAuth: [] }, { cookieAuth: [] }]
 *     responses:
 *       '200':
 *         description: The profile.
 *         content:
 *           application/json:
 *             schema: { $ref: '#/components/schemas/Profile' }
 *       '401':
 *         description: "`unauthorized`: no credentials; `invalid_token`: the access token is invalid, expired, or its session ended."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 */
export const GET = route({ auth: "user" }, async ({ db, auth }) => getProfile({ db, user: auth.user }));
