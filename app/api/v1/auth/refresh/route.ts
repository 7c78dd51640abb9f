import { refreshBody } from "@/lib/auth/schemas";
import { tokenResponse } from "@/lib/auth/token-response";
import { ApiError } from "@/lib/http/api-error";
import { assertSameOrigin } from "@/lib/http/assert-same-origin";
import { route } from "@/lib/http/route";
import { refreshSession } from "@/lib/sessions/refresh-session";
import { REFRESH_COOKIE, readCookie } from "@/lib/sessions/session-cookies";

// POST /api/v1/auth/refresh – exchange a refresh token (body, or the web pages' cookie) for a new pair
export const POST = route({ body: refreshBody.optional(), bodyOptional: true }, async ({ db, body, request }) => {
  let refreshToken = body?.refreshToken;
  if (!refreshToken) {
    refreshToken = readCookie(request.headers, REFRESH_COOKIE);
    if (!refreshToken) throw new ApiError("invalid_token", "Send the refresh token as {\"refreshToken\": \"…\"}.");
    assertSameOrigin(request);
  }
  return tokenResponse(await refreshSession({ db, refreshToken }));
});
