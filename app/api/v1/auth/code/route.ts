import { codeSent, requestCodeBody } from "@/lib/auth/schemas";
import { route } from "@/lib/http/route";
import { requestOtp } from "@/lib/otp/request-otp";
import { smsContextOf } from "@/lib/otp/sms-context";
import { normalizePhone } from "@/lib/phone/normalize-phone";

// POST /api/v1/auth/code – send a one-time sign-in code by SMS
/**
 * @openapi
 * /api/v1/auth/code:
 *   post:
 *     operationId: requestCode
 *     summary: Send a sign-in code
 *     description: |
 *       Sends a one-time code by SMS to the phone (simulated by default: read it at `GET /api/v1/dev/sms`). The answer
 *       is the same whether or not an account exists. A new code replaces the previous one. Only mobile numbers
 *       of `SMS_ALLOWED_REGIONS` (default: `DEFAULT_PHONE_REGION`) get an SMS; `SMS_TEST_NUMBERS` are exempt, as they
 *       get none. Limits: one code per `OTP_RESEND_SECONDS` (60) per phone whatever the purpose or account,
 *       `OTP_MAX_PER_PHONE_PER_HOUR` (5) per phone, `OTP_MAX_PER_IP_PER_HOUR` (30) per client address and
 *       `SMS_MAX_PER_HOUR` (1000) for the whole service; a phone with `OTP_MAX_FAILED_PER_PHONE_PER_DAY` (10) wrong
 *       codes in 24 hours from the client's network, or `OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY` (50) from all
 *       networks, gets no more codes there until the 24 hours are over. The SMS is written in the language of the
 *       request (the `locale` cookie, else `Accept-Language`, else `DEFAULT_LOCALE`: `en` or `ru`) in one segment, and
 *       its last line is the WebOTP line `@host #code` (host of `PUBLIC_URL`, else of the request).
 *     responses:
 *       '400':
 *         description: "`invalid_phone`: not a possible phone number. `phone_not_allowed`: the number gets no SMS (its region is not served, or it is not a mobile number: premium-rate, toll-free, satellite, landline...); nothing was sent or counted."
 *       '429':
 *         description: "`rate_limited`: too soon after the last code to this phone, too many codes for this phone or address, too many wrong codes for this phone today (from this network or from all), or the service has sent `SMS_MAX_PER_HOUR` codes this hour."
 *       '502':
 *         description: "`sms_failed`: the SMS provider did not accept the message; no code is valid."
 */
export const POST = route({ body: requestCodeBody, response: { description: "The code was sent; it is valid for `expiresIn` seconds.", schema: codeSent } }, async ({ request, db, body, clientAddress }) =>
  requestOtp({ db, purpose: "sign_in", phone: normalizePhone({ phone: body.phone }), clientAddress, sms: smsContextOf(request) }),
);
