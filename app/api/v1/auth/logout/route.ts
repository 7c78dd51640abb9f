import { logoutBody } from "@/lib/auth/schemas";
import { ApiError } from "@/lib/http/api-error";
import { assertSameOrigin } from "@/lib/http/assert-same-origin";
import { route } from "@/lib/http/route";
import { findSessionByRefreshToken } from "@/lib/sessions/find-session-by-refresh-token";
import { revokeSessions } from "@/lib/sessions/revoke-sessions";
import { clearSessionCookies, REFRESH_COOKIE, readCookie } from "@/lib/sessions/session-cookies";

// POST /api/v1/auth/logout – end the session named by the refresh token, the bearer token or the cookie
/**
 * @openapi
 * /api/v1/auth/logout:
 *   post:
 *     operationId: logout
 *     summary: Sign out
 *     description: |
 *       Ends one session at once: its access token and refresh token stop working immediately. The session is the
 *       one of the bearer token (or the web pages' cookie) or, without one, the one of the refresh token in the body.
 *     tags: [Sign-in]
 *     security: [{ bearerAuth: [] }, { cookieAuth: [] }, {}]
 *     requestBody:
 *       required: false
 *       content:
 *         application/json:
 *           schema: { $ref: '#/components/schemas/LogoutRequest' }
 *     responses:
 *       '204':
 *         description: Signed out; the session cookies are cleared.
 *       '400':
 *         description: "`validation_error`, `invalid_json`."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '401':
 *         description: "`unauthorized`: nothing names a session; `invalid_token`: the access token is invalid or its session already ended."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '403':
 *         description: "`csrf_rejected`: a cookie came with a cross-site request."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 *       '415':
 *         description: "`unsupported_media_type`: the body is not `application/json`."
 *         content:
 *           application/problem+json:
 *             schema: { $ref: '#/components/schemas/Problem' }
 */
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
