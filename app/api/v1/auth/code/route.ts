import { requestCodeBody } from "@/lib/auth/schemas";
import { route } from "@/lib/http/route";
import { requestOtp } from "@/lib/otp/request-otp";
import { normalizePhone } from "@/lib/phone/normalize-phone";

// POST /api/v1/auth/code – send a one-time sign-in code by SMS
export const POST = route({ body: requestCodeBody }, async ({ db, body, clientAddress }) =>
  requestOtp({ db, purpose: "sign_in", phone: normalizePhone({ phone: body.phone }), clientAddress }),
);
