import { logoutBody } from "@/lib/auth/schemas";
import { ApiError } from "@/lib/http/api-error";
import { assertSameOrigin } from "@/lib/http/assert-same-origin";
import { route } from "@/lib/http/route";
import { findSessionByRefreshToken } from "@/lib/sessions/find-session-by-refresh-token";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { clearSessionCookies, REFRESH_COOKIE, readCookie } from "@/lib/sessions/session-cookies";

// POST /api/v1/auth/logout – end the session named by the refresh token, the bearer token or the cookie
export const POST = route({ body: logoutBody.optional(), bodyOptional: true, auth: "optional" }, async ({ db, body, auth, request }) => {
  let sessionId = auth?.sessionId;
  if (!sessionId) {
    let refreshToken = body?.refreshToken;
    if (!refreshToken) {
      refreshToken = readCookie(request.headers, REFRESH_COOKIE);
      if (refreshToken) assertSameOrigin(request);
    }
    sessionId = refreshToken ? await findSessionByRefreshToken({ db, refreshToken }) : undefined;
  }
  if (!sessionId) throw new ApiError("unauthorized", "Nothing identifies a session: send a refresh token or sign in.");
  await revokeSessions({ db, sessionId });
  const headers = new Headers({ "cache-control": "no-store" });
  clearSessionCookies(headers);
  return new Response(null, { status: 204, headers });
});
