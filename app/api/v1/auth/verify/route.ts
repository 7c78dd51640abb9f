import { verifyCodeBody } from "@/lib/auth/schemas";
import { signInWithCode } from "@/lib/auth/sign-in-with-code";
import { tokenResponse } from "@/lib/auth/token-response";
import { route } from "@/lib/http/route";
import { normalizePhone } from "@/lib/phone/normalize-phone";

// POST /api/v1/auth/verify – sign in (or sign up) with the code, get tokens and the profile
export const POST = route({ body: verifyCodeBody }, async ({ db, body, request, clientAddress }) => {
  const tokens = await signInWithCode({
    db,
    phone: normalizePhone({ phone: body.phone }),
    code: body.code,
    userAgent: request.headers.get("user-agent"),
    ipAddress: clientAddress,
  });
  return tokenResponse(tokens);
});
