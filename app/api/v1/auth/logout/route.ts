import { logoutBody } from "@/lib/auth/schemas";
import { route } from "@/lib/http/route";
import { clearSessionCookies } from "@/lib/sessions/session-cookies";
import { signOut } from "@/lib/sessions/sign-out";

// POST /api/v1/auth/logout – end the sessions named by the refresh token and the access token; always clear the cookies
/**
 * @openapi
 * /api/v1/auth/logout:
 *   post:
 *     operationId: logout
 *     summary: Sign out
 *     description: |
 *       Ends a session at once: its access token and refresh token stop working immediately. The session is the one
 *       of the refresh token (in the body or, for the web pages, the `pr_refresh` cookie) and the one of the access
 *       token (bearer or `pr_access` cookie). An invalid or expired access token counts as none, so a client whose
 *       access token has expired still ends its session with its refresh token. Logging out is idempotent: when
 *       nothing names a live session the caller is signed out already, and the answer is still `204`. The session
 *       cookies are cleared in every `204`. A request that relies on cookies (no bearer token, no refresh token in
 *       the body) must come from this site.
 *     responses:
 *       '403':
 *         description: "`csrf_rejected`: a request relying on cookies came from another site."
 */
export const POST = route(
  { body: logoutBody.optional(), bodyOptional: true, auth: "optional", ignoreInvalidToken: true, response: { status: 204, description: "Signed out; the session cookies are cleared." } },
  async ({ db, body, auth, request }) => {
    await signOut({ db, request, auth, refreshToken: body?.refreshToken });
    const headers = new Headers({ "cache-control": "no-store" });
    clearSessionCookies(headers);
    return new Response(null, { status: 204, headers });
  },
);
