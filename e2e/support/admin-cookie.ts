import { BASE_URL } from "./settings";

/** The run's administrator (created first, in global setup): the cookie that signs a browser context in. */
export function adminCookie() {
  const token = process.env.E2E_ADMIN_TOKEN;
  if (!token) throw new Error("E2E_ADMIN_TOKEN is set by e2e/support/global-setup.ts");
  return [{ name: "pr_access", value: token, url: BASE_URL, httpOnly: true, secure: true }];
}
