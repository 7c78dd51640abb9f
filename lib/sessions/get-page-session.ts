import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/db";
import type { User } from "@/db/schema";
import { ApiError } from "@/lib/errors/api-error";
import { authenticate } from "@/lib/sessions/authenticate";
import { ACCESS_COOKIE, REFRESH_COOKIE } from "@/lib/sessions/session-cookies";

export type PageSession =
  | { state: "signed-in"; user: User }
  /** No valid access cookie, but a refresh cookie: the browser can resume the session. */
  | { state: "resumable" }
  | { state: "signed-out" };

/** Who is looking at a page, from the session cookies (server components only). */
export async function getPageSession(): Promise<PageSession> {
  const jar = await cookies();
  const access = jar.get(ACCESS_COOKIE)?.value;
  if (access) {
    try {
      const db = await getDb();
      const auth = await authenticate({ db, request: new Request("http://page.invalid/", { headers: { cookie: `${ACCESS_COOKIE}=${access}` } }) });
      if (auth) return { state: "signed-in", user: auth.user };
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
  }
  return jar.get(REFRESH_COOKIE)?.value ? { state: "resumable" } : { state: "signed-out" };
}
