import { route } from "@/lib/http/route";
import { requestPhoneChange } from "@/lib/phone-change/request-phone-change";
import { changePhoneBody } from "@/lib/phone-change/schemas";
import { smsContextOf } from "@/lib/otp/sms-context";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { codeSent } from "@/lib/auth/schemas";

/**
 * @openapi
 * /api/v1/profile/phone:
 *   post:
 *     operationId: requestPhoneChange
 *     summary: Start a phone change
 *     description: >-
 *       Sends a one-time code by SMS to the new number, under the same rules and limits as a sign-in code
 *       (mobile numbers of `SMS_ALLOWED_REGIONS` only, resend cooldown per number, hourly caps per number and
 *       per client address, the failed-tries lock, `SMS_MAX_PER_HOUR`). An account may make 5 change requests
 *       an hour, counted whatever the answer and before the number is looked up, so `phone_taken` cannot be
 *       used to find registered numbers. Confirm with POST /api/v1/profile/phone/confirm. The phone does not
 *       change until then.
 *     responses:
 *       '400':
 *         description: "`invalid_phone`: not a possible phone number. `phone_not_allowed`: the number gets no SMS (its region is not served, or it is not a mobile number); not counted."
 *       '409':
 *         description: "`phone_taken`: the number is this account's already or another account's."
 *       '429':
 *         description: "`rate_limited`: more than 5 change requests from this account this hour, or a code limit of the number, the client address or the service (as for a sign-in code)."
 *       '502':
 *         description: "`sms_failed`: the SMS could not be sent; no code stays valid."
 */
// POST /api/v1/profile/phone – send a code to the new phone number
export const POST = route({ auth: "user", body: changePhoneBody, response: { description: "A code was sent to the new number.", schema: codeSent } }, async ({ request, db, auth, body, clientAddress }) =>
  requestPhoneChange({ db, user: auth.user, phone: normalizePhone({ phone: body.phone }), clientAddress, sms: smsContextOf(request) }),
);
