import { authTokens, refreshBody } from "@/lib/auth/schemas";
import { tokenResponse } from "@/lib/auth/token-response";
import { ApiError } from "@/lib/errors/api-error";
import { assertSameOrigin } from "@/lib/sessions/assert-same-origin";
import { problemResponse } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { refreshSession } from "@/lib/auth/refresh-session";
import { clearSessionCookies, REFRESH_COOKIE, readCookie } from "@/lib/sessions/session-cookies";

// POST /api/v1/auth/refresh – exchange a refresh token (body, or the web pages' cookie) for a new pair
/**
 * @openapi
 * /api/v1/auth/refresh:
 *   post:
 *     operationId: refreshTokens
 *     summary: Exchange a refresh token for a new pair
 *     description: |
 *       Refresh tokens rotate: the answer carries a new access token and a new refresh token, and the old refresh
 *       token stops working. Presenting an already rotated refresh token revokes the whole session. The web pages
 *       may send no body and use the `pr_refresh` cookie instead (same-origin requests only). A session can be
 *       refreshed at most 10 times a minute; past that the answer is `429` and the refresh token stays unused.
 *     responses:
 *       '401':
 *         description: "`invalid_token`: no refresh token, or an unknown, expired, revoked or already used one."
 *       '403':
 *         description: "`account_blocked`: an administrator blocked the account (its sessions ended); `csrf_rejected`: the refresh cookie came with a cross-site request."
 *       '429':
 *         description: "`rate_limited`: too many refreshes of this session in a minute."
 */
export const POST = route({ body: refreshBody.optional(), bodyOptional: true, response: { description: "A new token pair and the profile.", schema: authTokens } }, async ({ db, body, request, requestId }) => {
  const fromBody = body?.refreshToken;
  const refreshToken = fromBody ?? readCookie(request.headers, REFRESH_COOKIE);
  if (!refreshToken) throw new ApiError("invalid_token", "Send the refresh token as {\"refreshToken\": \"…\"}.");
  if (!fromBody) assertSameOrigin(request);
  try {
    return tokenResponse(await refreshSession({ db, refreshToken }));
  } catch (error) {
    // A dead refresh cookie is dropped, so the pages stop offering to resume that session.
    if (fromBody || !(error instanceof ApiError) || (error.status !== 401 && error.code !== "account_blocked")) throw error;
    const headers = new Headers();
    clearSessionCookies(headers);
    return problemResponse(error, { requestId, headers });
  }
});
