import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import { findLiveSession, type LiveSession } from "./find-live-session";
import { ACCESS_COOKIE } from "./session-cookies";

/**
 * Who is looking at a server-rendered page, from the `pr_access` cookie; undefined when nobody is signed in
 * or the access token has expired. The refresh cookie is sent only to /api/v1/auth, so a page cannot tell
 * the two apart: the browser renews with POST /api/v1/auth/refresh and reloads, or goes to /login.
 * Pages only read with it; a cookie alone never changes data here, so no same-origin check is needed.
 */
export async function getPageSession(): Promise<LiveSession | undefined> {
  const accessToken = (await cookies()).get(ACCESS_COOKIE)?.value;
  if (!accessToken) return undefined;
  return findLiveSession({ db: await getDb(), accessToken });
}
