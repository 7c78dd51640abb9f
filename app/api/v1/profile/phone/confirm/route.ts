import { route } from "@/lib/http/route";
import { confirmPhoneChange } from "@/lib/phone-change/confirm-phone-change";
import { confirmPhoneChangeBody } from "@/lib/phone-change/schemas";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { profile } from "@/lib/users/schemas";

/**
 * @openapi
 * /api/v1/profile/phone/confirm:
 *   post:
 *     operationId: confirmPhoneChange
 *     summary: Confirm a phone change
 *     description: >-
 *       Changes the phone to the new number when the code sent to it is right. The code works once and only
 *       for the account that asked for it. If two accounts confirm the same number at once, one wins and the
 *       other gets `409 phone_taken`. The old number is free to sign up from then on; sessions stay open. Wrong
 *       codes count towards the same daily lock per number and client network as sign-in codes.
 *     responses:
 *       '400':
 *         description: "`invalid_phone`: not a possible phone number."
 *       '401':
 *         description: "`invalid_code`: wrong, used or expired code."
 *       '409':
 *         description: "`phone_taken`: another account has this number now."
 *       '429':
 *         description: "`too_many_attempts`: the code was burned by wrong tries (request a new one), or the number had too many wrong codes today from this network or from all (the guess was not checked)."
 */
// POST /api/v1/profile/phone/confirm – change the phone with the code sent to the new number
export const POST = route({ auth: "user", body: confirmPhoneChangeBody, response: { description: "The profile with the new phone.", schema: profile } }, async ({ db, auth, body, clientAddress }) =>
  confirmPhoneChange({ db, userId: auth.user.id, phone: normalizePhone({ phone: body.phone }), code: body.code, clientAddress }),
);
