import { refreshBody } from "@/lib/auth/schemas";
import { tokenResponse } from "@/lib/auth/token-response";
import { ApiError } from "@/lib/http/api-error";
import { assertSameOrigin } from "@/lib/http/assert-same-origin";
import { problemResponse } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { refreshSession } from "@/lib/sessions/refresh-session";
import { clearSessionCookies, REFRESH_COOKIE, readCookie } from "@/lib/sessions/session-cookies";

// POST /api/v1/auth/refresh – exchange a refresh token (body, or the web pages' cookie) for a new pair
export const POST = route({ body: refreshBody.optional(), bodyOptional: true }, async ({ db, body, request, requestId }) => {
  const fromBody = body?.refreshToken;
  const refreshToken = fromBody ?? readCookie(request.headers, REFRESH_COOKIE);
  if (!refreshToken) throw new ApiError("invalid_token", "Send the refresh token as {\"refreshToken\": \"…\"}.");
  if (!fromBody) assertSameOrigin(request);
  try {
    return tokenResponse(await refreshSession({ db, refreshToken }));
  } catch (error) {
    // A dead refresh cookie is dropped, so the pages stop offering to resume that session.
    if (fromBody || !(error instanceof ApiError) || error.status !== 401) throw error;
    const headers = new Headers();
    clearSessionCookies(headers);
    return problemResponse(error, { requestId, headers });
  }
});
