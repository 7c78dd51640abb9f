import { env } from "@/lib/config/env";
import type { TokenPair } from "./issue-tokens";

export const ACCESS_COOKIE = "pr_access";
export const REFRESH_COOKIE = "pr_refresh";
// Path "/" rather than "/api/v1/auth": once the 15-minute access cookie has expired, a page such as /profile
// must still see that a session can be resumed, and render for the browser to refresh it (one refresh at a time
// across tabs) instead of sending a signed-in person back to /login. It stays httpOnly and SameSite=Lax, and only
// /api/v1/auth/refresh and /api/v1/auth/logout ever read it.
export const REFRESH_COOKIE_PATH = "/";

function cookie(name: string, value: string, options: { path: string; maxAge: number }): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`, "HttpOnly", "SameSite=Lax"];
  if (env().NODE_ENV === "production") parts.push("Secure");
  return parts.join("; ");
}

/** httpOnly cookies for the web pages, issued with every token pair. */
export function setSessionCookies(headers: Headers, tokens: TokenPair): void {
  const config = env();
  headers.append("set-cookie", cookie(ACCESS_COOKIE, tokens.accessToken, { path: "/", maxAge: config.ACCESS_TOKEN_TTL_SECONDS }));
  headers.append(
    "set-cookie",
    cookie(REFRESH_COOKIE, tokens.refreshToken, { path: REFRESH_COOKIE_PATH, maxAge: config.REFRESH_TOKEN_TTL_SECONDS }),
  );
}

export function clearSessionCookies(headers: Headers): void {
  headers.append("set-cookie", cookie(ACCESS_COOKIE, "", { path: "/", maxAge: 0 }));
  headers.append("set-cookie", cookie(REFRESH_COOKIE, "", { path: REFRESH_COOKIE_PATH, maxAge: 0 }));
}

/** A cookie's value from a Cookie header. */
export function readCookie(headers: Headers, name: string): string | undefined {
  const header = headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      return value || undefined;
    }
  }
  return undefined;
}
