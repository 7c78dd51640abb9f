import { env } from "@/lib/config/env";
import type { TokenPair } from "./issue-tokens";

export const ACCESS_COOKIE = "pr_access";
export const REFRESH_COOKIE = "pr_refresh";
// The refresh token is only ever sent to the endpoints that use it.
export const REFRESH_COOKIE_PATH = "/api/v1/auth";

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
