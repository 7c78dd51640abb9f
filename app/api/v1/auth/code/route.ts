import { requestCodeBody } from "@/lib/auth/schemas";
import { route } from "@/lib/http/route";
import { requestOtp } from "@/lib/otp/request-otp";
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
 *       is the same whether or not an account exists. A new code replaces the previous one. Limits: one code per
 *       `OTP_RESEND_SECONDS` (60) per phone, `OTP_MAX_PER_PHONE_PER_HOUR` (5) per phone and `OTP_MAX_PER_IP_PER_HOUR`
 *       (30) per client address; a phone with `OTP_MAX_FAILED_PER_PHONE_PER_DAY` (10) wrong codes in 24 hours gets no more.
 *     tags: [Sign-in]
 *     security: []
 *     requestBody:
 *       required: true
 *       content:
 *         application/json:
 *           schema: { $ref: '#/components/schemas/RequestCodeRequest' }
 *     responses:
 *       '200':
 *         description: The code was sent; it is valid for `expiresIn` seconds.
 *         content:
 *           application/json:
 *             schema: { $ref: '#/components/schemas/CodeSent' }
 *       '400':
 *         description: "`invalid_phone`: not a possible phone number; `validation_error`: missing or unknown fields; `invalid_json`: malformed body."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '413':
 *         description: "`payload_too_large`: the body is over 16 KiB."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '415':
 *         description: "`unsupported_media_type`: the body is not `application/json`."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '429':
 *         description: "`rate_limited`: too soon after the last code, or too many codes for this phone or address; wait `Retry-After` seconds."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '502':
 *         description: "`sms_failed`: the SMS provider did not accept the message; no code is valid."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 */
export const POST = route({ body: requestCodeBody }, async ({ db, body, clientAddress }) =>
  requestOtp({ db, purpose: "sign_in", phone: normalizePhone({ phone: body.phone }), clientAddress }),
);
