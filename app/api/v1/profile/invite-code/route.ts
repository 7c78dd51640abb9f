import { route } from "@/lib/http/route";
import { activateInviteCode } from "@/lib/invites/activate-invite-code";
import { activateInviteCodeBody } from "@/lib/invites/schemas";
import { getProfile } from "@/lib/users/get-profile";

// POST /api/v1/profile/invite-code – activate somebody's invite code
/**
 * @openapi
 * /api/v1/profile/invite-code:
 *   post:
 *     summary: Activate an invite code
 *     description: >-
 *       Activates somebody else's invite code for the signed-in account (input is trimmed and case-insensitive)
 *       and answers the updated profile. An account activates one code, ever (it stays even if the code's owner
 *       deletes their account); never its own, and never one whose owner joined, directly or through others,
 *       with this account's code (that would close a loop). The rules hold under concurrent requests.
 *       After 20 failed activations (404, 409, 422) in an hour the account gets `429 rate_limited` until the
 *       hour is over.
 *     tags: [Profile]
 *     security:
 *       - bearerAuth: []
 *       - cookieAuth: []
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema:
 *             $ref: '#/components/schemas/ActivateInviteCodeRequest'
 *     responses:
 *       200:
 *         description: The code is activated; the updated profile.
 *         content:
 *           application/json:
 *             schema:
 *               $ref: '#/components/schemas/Profile'
 *       400:
 *         description: "`validation_error` (not 6 letters A–Z and digits, unknown fields), `invalid_json`."
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
 *       403:
 *         description: "`csrf_rejected` (cookie-authenticated request from another origin)."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       404:
 *         description: "`invite_code_not_found`: no account has this code."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       409:
 *         description: "`invite_already_activated`: this account has already activated a code (the detail names it)."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       413:
 *         description: "`payload_too_large`: the body is over 16 KiB."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       415:
 *         description: "`unsupported_media_type`: the body is not application/json."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       422:
 *         description: "`invite_own_code`: the account's own code; `invite_cycle`: the code would close a loop of invitations."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       429:
 *         description: "`rate_limited`: 20 failed activations in an hour; retry after `Retry-After` seconds."
 *         headers:
 *           Retry-After:
 *             description: Seconds until the account may try again.
 *             schema:
 *               type: integer
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 *       503:
 *         description: "`service_unavailable`: the database does not answer, or invite codes were busy for too long; retry after `Retry-After` seconds."
 *         content:
 *           application/problem+json:
 *             schema:
 *               $ref: '#/components/schemas/Problem'
 */
export const POST = route({ auth: "user", body: activateInviteCodeBody }, async ({ db, auth, body }) => {
  const user = await activateInviteCode({ db, userId: auth.user.id, code: body.code });
  return getProfile({ db, user });
});
