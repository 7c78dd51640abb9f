/** Why a page sent the browser to /login; the sign-in page says so (`/login?reason=…`). */
export const LOGIN_REASONS = ["signed-out", "signed-out-elsewhere", "session-ended", "account-deleted", "account-blocked"] as const;
export type LoginReason = (typeof LOGIN_REASONS)[number];

export function isLoginReason(value: unknown): value is LoginReason {
  return typeof value === "string" && (LOGIN_REASONS as readonly string[]).includes(value);
}

/** `/login?reason=…&next=…`: `next` (a path of this site) is where the sign-in returns to. */
export function loginPath(reason?: LoginReason, next?: string): string {
  const query = new URLSearchParams();
  if (reason) query.set("reason", reason);
  if (next && next !== "/profile" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login")) query.set("next", next);
  const text = query.toString();
  return text ? `/login?${text}` : "/login";
}

/** Where a page goes when its session has ended (`code` of the refused request), to come back to `here`. */
export function sessionEndedPath(code: string, here: string): string {
  return loginPath(code === "account_blocked" ? "account-blocked" : "session-ended", here);
}
