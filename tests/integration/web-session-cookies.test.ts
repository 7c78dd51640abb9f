import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { passRefreshReuseGrace, requestCode, uniquePhone } from "../helpers/flows";

function cookieHeader(setCookies: string[]): string {
  return setCookies.map((line) => line.split(";")[0]).join("; ");
}

describe("session cookies for the web pages", () => {
  it("sets the refresh cookie on path / so pages can tell a session can be resumed", async () => {
    const phone = uniquePhone();
    const verified = await api.post("/api/v1/auth/verify", { phone, code: await requestCode(phone) });
    const setCookies = verified.headers.getSetCookie();
    expect(setCookies.find((line) => line.startsWith("pr_refresh="))).toMatch(/; Path=\/; Max-Age=2592000; HttpOnly; SameSite=Lax/);
    expect(setCookies.find((line) => line.startsWith("pr_access="))).toMatch(/; Path=\/; Max-Age=900; HttpOnly; SameSite=Lax/);
  });

  it("refreshes from the cookie, and a dead refresh cookie is answered 401 and cleared", async () => {
    const phone = uniquePhone();
    const verified = await api.post("/api/v1/auth/verify", { phone, code: await requestCode(phone) });
    const cookies = cookieHeader(verified.headers.getSetCookie());
    const headers = { cookie: cookies, "sec-fetch-site": "same-origin" };

    const refreshed = await api.post("/api/v1/auth/refresh", undefined, { headers });
    expect(refreshed.status).toBe(200);

    // The same (now rotated) cookie again, past the reuse grace: the session is over and the browser is told to forget it.
    await passRefreshReuseGrace();
    const replayed = await api.post("/api/v1/auth/refresh", undefined, { headers });
    expect(replayed.status).toBe(401);
    expect(replayed.body).toMatchObject({ code: "invalid_token", status: 401 });
    expect(replayed.headers.getSetCookie().map((line) => line.split(";").slice(0, 3).join(";"))).toEqual([
      "pr_access=; Path=/; Max-Age=0",
      "pr_refresh=; Path=/; Max-Age=0",
    ]);
  });

  it("keeps the refresh token in a body request out of the cookies", async () => {
    const answer = await api.post("/api/v1/auth/refresh", { refreshToken: "not-a-token" });
    expect(answer.status).toBe(401);
    expect(answer.headers.getSetCookie()).toEqual([]);
  });

  it("refuses a cross-site cookie refresh", async () => {
    const phone = uniquePhone();
    const verified = await api.post("/api/v1/auth/verify", { phone, code: await requestCode(phone) });
    const answer = await api.post("/api/v1/auth/refresh", undefined, {
      headers: { cookie: cookieHeader(verified.headers.getSetCookie()), "sec-fetch-site": "cross-site" },
    });
    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe("csrf_rejected");
  });
});
