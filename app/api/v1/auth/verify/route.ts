import { authTokens, verifyCodeBody } from "@/lib/auth/schemas";
import { signInWithCode } from "@/lib/auth/sign-in-with-code";
import { tokenResponse } from "@/lib/auth/token-response";
import { route } from "@/lib/http/route";
import { normalizePhone } from "@/lib/phone/normalize-phone";

// POST /api/v1/auth/verify – sign in (or sign up) with the code, get tokens and the profile
/**
 * @openapi
 * /api/v1/auth/verify:
 *   post:
 *     operationId: verifyCode
 *     summary: Sign in with the code
 *     description: |
 *       Checks the code and signs in; the first successful sign-in of a phone creates the account (`isNewUser: true`)
 *       with its own invite code, and the first account ever is an administrator. A code works once and is burned
 *       after `OTP_MAX_ATTEMPTS` (3) wrong tries. After `OTP_MAX_FAILED_PER_PHONE_PER_DAY` (10) wrong codes for a
 *       phone from the client's network in 24 hours, or `OTP_MAX_FAILED_PER_PHONE_TOTAL_PER_DAY` (50) from all
 *       networks, further guesses from there are refused unchecked, even a right one. Answers the tokens and the
 *       profile, and sets the same tokens as httpOnly cookies for the web pages.
 *     responses:
 *       '400':
 *         description: "`invalid_phone`: not a possible phone number."
 *       '401':
 *         description: "`invalid_code`: wrong, expired or already used code, or no code was requested."
 *       '403':
 *         description: "`account_blocked`: an administrator blocked this account."
 *       '429':
 *         description: "`too_many_attempts`: the code is burned after too many wrong tries (request a new one), or this phone had too many wrong codes today from this network or from all (the guess was not checked)."
 */
export const POST = route({ body: verifyCodeBody, response: { description: "Signed in.", schema: authTokens } }, async ({ db, body, request, clientAddress, clientIp }) => {
  const tokens = await signInWithCode({
    db,
    phone: normalizePhone({ phone: body.phone }),
    code: body.code,
    clientAddress,
    clientIp,
    userAgent: request.headers.get("user-agent"),
  });
  return tokenResponse(tokens);
});
