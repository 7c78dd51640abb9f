import "server-only";
import type { Database } from "@/db";
import { assertSameOrigin } from "@/lib/sessions/assert-same-origin";
import type { AuthContext } from "./authenticate";
import { findSessionByRefreshToken } from "./find-session-by-refresh-token";
import { revokeSessions } from "./revoke-sessions";
import { ACCESS_COOKIE, readCookie, REFRESH_COOKIE } from "./session-cookies";

interface SignOutInput {
  db: Database;
  request: Request;
  /** The session of a valid access token, if the request carried one (an invalid one counts as none). */
  auth: AuthContext | undefined;
  /** From the body; without it, the web pages' refresh cookie. */
  refreshToken: string | undefined;
}

/**
 * Ends the session of the access token and the session of the refresh token (they may differ; holding either
 * is proof enough). Nothing to end is no error: the caller is signed out either way and its cookies are cleared.
 *
 * A request that leans on the browser (no bearer token, no refresh token in the body) must come from this site
 * whenever it carries a session cookie or shows where it comes from: a cross-site form post carries no
 * SameSite=Lax cookie, yet the browser would apply the Set-Cookie that clears them.
 */
export async function signOut({ db, request, auth, refreshToken }: SignOutInput): Promise<void> {
  const refreshCookie = refreshToken ? undefined : readCookie(request.headers, REFRESH_COOKIE);
  const viaBrowser = !refreshToken && !request.headers.has("authorization");
  const showsOrigin = request.headers.has("origin") || request.headers.has("sec-fetch-site");
  if (refreshCookie || (viaBrowser && (readCookie(request.headers, ACCESS_COOKIE) || showsOrigin))) assertSameOrigin(request);

  const sessionIds = new Set<string>();
  if (auth) sessionIds.add(auth.sessionId);
  const presented = refreshToken ?? refreshCookie;
  const named = presented ? await findSessionByRefreshToken({ db, refreshToken: presented }) : undefined;
  if (named) sessionIds.add(named);
  for (const sessionId of sessionIds) await revokeSessions({ db, sessionId });
}
