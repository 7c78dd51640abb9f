import { route } from "@/lib/http/route";
import { activateInviteCode } from "@/lib/invites/activate-invite-code";
import { activateInviteCodeBody } from "@/lib/invites/schemas";
import { getProfile } from "@/lib/users/get-profile";
import { profile } from "@/lib/users/schemas";

// POST /api/v1/profile/invite-code – activate somebody's invite code
/**
 * @openapi
 * /api/v1/profile/invite-code:
 *   post:
 *     operationId: activateInviteCode
 *     summary: Activate an invite code
 *     description: >-
 *       Activates somebody else's invite code for the signed-in account (input is trimmed and case-insensitive)
 *       and answers the updated profile. An account activates one code, ever (it stays even if the code's owner
 *       deletes their account); never its own, and never one whose owner joined, directly or through others,
 *       with this account's code (that would close a loop). The rules hold under concurrent requests.
 *       After 20 failed activations (404, 409, 422) in an hour the account gets `429 rate_limited` until the
 *       hour is over.
 *     responses:
 *       '404':
 *         description: "`invite_code_not_found`: no account has this code."
 *       '409':
 *         description: "`invite_already_activated`: this account has already activated a code (the detail names it)."
 *       '422':
 *         description: "`invite_own_code`: the account's own code. `invite_cycle`: the code would close a loop of invitations."
 *       '429':
 *         description: "`rate_limited`: 20 failed activations in an hour."
 *       '503':
 *         description: "`service_unavailable`: the database does not answer, or invite codes were busy for too long; try again after `Retry-After` seconds."
 */
export const POST = route({ auth: "user", body: activateInviteCodeBody, response: { description: "The code is activated; the updated profile.", schema: profile } }, async ({ db, auth, body }) => {
  const user = await activateInviteCode({ db, userId: auth.user.id, code: body.code });
  return getProfile({ db, user });
});
