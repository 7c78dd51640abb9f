import { route } from "@/lib/http/route";
import { clearSessionCookies } from "@/lib/sessions/session-cookies";
import { deleteAccount } from "@/lib/users/delete-account";
import { getProfile } from "@/lib/users/get-profile";
import { profile, updateProfileBody } from "@/lib/users/schemas";
import { updateProfile } from "@/lib/users/update-profile";

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
 */
export const GET = route({ auth: "user", response: { description: "The profile.", schema: profile } }, async ({ db, auth }) => getProfile({ db, user: auth.user }));

/**
 * @openapi
 * /api/v1/profile:
 *   patch:
 *     operationId: updateProfile
 *     summary: Edit name and e-mail
 *     description: >-
 *       Sets `firstName`, `lastName` and `email`; a field left out stays as it is and `null` clears it.
 *       Names are trimmed and may use any script (1–50 characters); the e-mail is validated and stored
 *       lower-cased. Any other field (phone, invite code, admin flag, unknown names) is refused with
 *       `400 validation_error`: the phone changes only through POST /api/v1/profile/phone.
 */
// PATCH /api/v1/profile – edit first name, last name and e-mail
export const PATCH = route({ auth: "user", body: updateProfileBody, response: { description: "The updated profile.", schema: profile } }, async ({ db, auth, body }) =>
  updateProfile({ db, userId: auth.user.id, changes: body }),
);

/**
 * @openapi
 * /api/v1/profile:
 *   delete:
 *     operationId: deleteAccount
 *     summary: Delete the account
 *     description: >-
 *       Deletes the account in one transaction. Every session ends at once (its access tokens answer 401),
 *       the avatar is removed, and the phone number is free to sign up again as a new account. People who
 *       activated this account's invite code keep the code text they activated and still cannot activate
 *       another; the deleted phone disappears from every invitee list. Web cookies are cleared. The last
 *       administrator cannot delete their account (`409 last_admin`): make another account an administrator first.
 *     responses:
 *       '409':
 *         description: "`last_admin`: this account is the only administrator who can sign in."
 */
// DELETE /api/v1/profile – delete the account and end every session
export const DELETE = route({ auth: "user", response: { status: 204, description: "The account is deleted." } }, async ({ db, auth }) => {
  await deleteAccount({ db, userId: auth.user.id });
  const headers = new Headers({ "cache-control": "no-store" });
  clearSessionCookies(headers);
  return new Response(null, { status: 204, headers });
});
