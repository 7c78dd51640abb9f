import { describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { type AuthTokens, authTokens } from "@/lib/auth/schemas";
import { REFRESHES_PER_SESSION_PER_MINUTE } from "@/lib/auth/refresh-session";
import { profile as profileSchema } from "@/lib/users/schemas";
import { api, type ApiResponse, BASE_URL, call } from "../helpers/api";
import { passRefreshReuseGrace, signIn } from "../helpers/flows";
import { expectProblem, expectRetryAfter } from "../helpers/problems";

const SESSION_ENDED = "The session has ended. Sign in again.";
const REFRESH_INVALID = "The refresh token is not valid. Sign in again.";
const REFRESH_REUSED = "The refresh token was already used; the session has been ended for safety. Sign in again.";

/** The cookies a response sets, as a browser would send them back. */
function cookiesOf(response: ApiResponse): Record<string, string> {
  return Object.fromEntries(
    response.headers.getSetCookie().map((cookie) => {
      const [pair] = cookie.split(";");
      const index = pair!.indexOf("=");
      return [pair!.slice(0, index), pair!.slice(index + 1)];
    }),
  );
}

async function signInWithCookies() {
  const tokens = await signIn();
  const refreshed = await api.post("/api/v1/auth/refresh", { refreshToken: tokens.refreshToken });
  expect(refreshed.status).toBe(200);
  const cookies = cookiesOf(refreshed);
  return { tokens: refreshed.body as typeof tokens, access: cookies.pr_access!, refresh: cookies.pr_refresh! };
}

describe("tokens", () => {
  it("verify answers the documented shape and sets httpOnly cookies", async () => {
    const tokens = await signIn();
    expect(authTokens.parse(tokens)).toEqual(tokens);
    const profile = await api.get("/api/v1/profile", { token: tokens.accessToken });
    expect(profile.status).toBe(200);
    expect(profileSchema.parse(profile.body)).toEqual(profile.body);
    expect(profile.body).toEqual({
      ...tokens.profile,
      invitees: { total: 0, items: [], nextCursor: null },
    });
    const refreshed = await api.post("/api/v1/auth/refresh", { refreshToken: tokens.refreshToken });
    expect(refreshed.headers.getSetCookie()).toEqual([
      `pr_access=${refreshed.body.accessToken}; Path=/; Max-Age=900; HttpOnly; SameSite=Lax`,
      `pr_refresh=${refreshed.body.refreshToken}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax`,
    ]);
  });

  it("GET /api/v1/profile needs a valid access token", async () => {
    expectProblem(await api.get("/api/v1/profile"), "unauthorized", "Sign in first: send Authorization: Bearer <accessToken>.");
    expectProblem(await api.get("/api/v1/profile", { token: "not-a-jwt" }), "invalid_token", "The access token is invalid or has expired.");
    expectProblem(
      await api.get("/api/v1/profile", { headers: { authorization: "Basic dXNlcjpwYXNz" } }),
      "unauthorized",
      "The Authorization header must be `Bearer <accessToken>`.",
    );
  });
});

describe("POST /api/v1/auth/refresh", () => {
  it("rotates: a new pair, and the old refresh token stops working", async () => {
    const first = await signIn();
    const second = await api.post("/api/v1/auth/refresh", { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(authTokens.parse(second.body)).toMatchObject({ tokenType: "Bearer", expiresIn: 900, isNewUser: false });
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    expect(second.body.profile.id).toBe(first.profile.id);

    const third = await api.post("/api/v1/auth/refresh", { refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);
    expect((await api.get("/api/v1/profile", { token: third.body.accessToken })).status).toBe(200);
  });

  it("revokes the whole session when a rotated token is presented again", async () => {
    const first = await signIn();
    const second = await api.post("/api/v1/auth/refresh", { refreshToken: first.refreshToken });
    const third = await api.post("/api/v1/auth/refresh", { refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);

    await passRefreshReuseGrace();
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: first.refreshToken }), "invalid_token", REFRESH_REUSED);
    // The newest pair of that session is dead too.
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: third.body.refreshToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.get("/api/v1/profile", { token: third.body.accessToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.get("/api/v1/profile", { token: first.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("leaves the user's other sessions alone", async () => {
    const first = await signIn();
    const other = await api.post("/api/v1/auth/refresh", { refreshToken: first.refreshToken });
    await api.post("/api/v1/auth/refresh", { refreshToken: first.refreshToken });
    expect(other.status).toBe(200);
    const separate = await signIn();
    expect((await api.get("/api/v1/profile", { token: separate.accessToken })).status).toBe(200);
  });

  it("refuses unknown and malformed refresh tokens", async () => {
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: "x".repeat(43) }), "invalid_token", REFRESH_INVALID);
    expectProblem(await call("POST", "/api/v1/auth/refresh"), "invalid_token", 'Send the refresh token as {"refreshToken": "…"}.');
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: 42 }), "validation_error", "The request body has invalid or missing fields.", [
      { path: "refreshToken", message: "Invalid input: expected string, received number" },
    ]);
    expectProblem(
      await api.post("/api/v1/auth/refresh", { refreshToken: "abc", accessToken: "x" }),
      "validation_error",
      "The request body has invalid or missing fields.",
      [{ path: "accessToken", message: "Unknown field." }],
    );
  });

  it("accepts the refresh cookie from the same origin only", async () => {
    const { refresh } = await signInWithCookies();
    const cookie = { cookie: `pr_refresh=${refresh}` };
    expectProblem(
      await call("POST", "/api/v1/auth/refresh", { headers: { ...cookie, origin: "https://evil.example" } }),
      "csrf_rejected",
      "A cookie-authenticated request that changes data must come from this site (Origin https://evil.example is not this site). API clients should use Authorization: Bearer.",
    );
    const same = await call("POST", "/api/v1/auth/refresh", { headers: { ...cookie, origin: BASE_URL } });
    expect(same.status).toBe(200);
    expect(cookiesOf(same).pr_refresh).toBe(same.body.refreshToken);
  });
});

describe("refresh limit per session", () => {
  const LIMITED = "Too many token refreshes for this session. Please wait a moment.";

  /** Refreshes a chain of tokens `times` times and returns the last pair. */
  async function refreshChain(refreshToken: string, times: number): Promise<AuthTokens> {
    let current = { refreshToken } as AuthTokens;
    for (let i = 0; i < times; i++) {
      const answer = await api.post<AuthTokens>("/api/v1/auth/refresh", { refreshToken: current.refreshToken });
      expect(answer.status, answer.text).toBe(200);
      current = answer.body;
    }
    return current;
  }

  it(`allows ${REFRESHES_PER_SESSION_PER_MINUTE} refreshes a minute per session, then 429 with Retry-After and nothing rotated`, async () => {
    const session = await signIn();
    const other = await signIn();
    const last = await refreshChain(session.refreshToken, REFRESHES_PER_SESSION_PER_MINUTE);
    const refused = await api.post("/api/v1/auth/refresh", { refreshToken: last.refreshToken });
    expectProblem(refused, "rate_limited", LIMITED);
    expectRetryAfter(refused, 1, 60);
    // Refused, not rotated: the token still works once the minute has passed, and the session was not ended.
    expect((await api.get("/api/v1/profile", { token: last.accessToken })).status).toBe(200);
    expect((await api.post("/api/v1/auth/refresh", { refreshToken: last.refreshToken })).status).toBe(429);
    // Other sessions have their own allowance.
    await refreshChain(other.refreshToken, 3);

    const db = await getDb();
    await db.execute(sql`update rate_limits set expires_at = now() - interval '1 second' where key like 'refresh:%'`);
    expect((await api.post("/api/v1/auth/refresh", { refreshToken: last.refreshToken })).status).toBe(200);
  });

  it("still revokes the session when a rotated token is replayed past the limit", async () => {
    const session = await signIn();
    const last = await refreshChain(session.refreshToken, REFRESHES_PER_SESSION_PER_MINUTE);
    await passRefreshReuseGrace();
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: session.refreshToken }), "invalid_token", REFRESH_REUSED);
    expectProblem(await api.get("/api/v1/profile", { token: last.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("keeps the web pages' cookies when a cookie refresh is limited", async () => {
    const { refresh } = await signInWithCookies();
    let cookie = `pr_refresh=${refresh}`;
    // signInWithCookies spent one refresh of this session.
    for (let i = 1; i < REFRESHES_PER_SESSION_PER_MINUTE; i++) {
      const answer = await call("POST", "/api/v1/auth/refresh", { headers: { cookie, "sec-fetch-site": "same-origin" } });
      expect(answer.status, answer.text).toBe(200);
      cookie = `pr_refresh=${cookiesOf(answer).pr_refresh}`;
    }
    const refused = await call("POST", "/api/v1/auth/refresh", { headers: { cookie, "sec-fetch-site": "same-origin" } });
    expectProblem(refused, "rate_limited", LIMITED);
    expect(refused.headers.getSetCookie()).toEqual([]);
  });
});

describe("POST /api/v1/auth/logout", () => {
  it("by refresh token: 204, and the access token is rejected at once", async () => {
    const tokens = await signIn();
    const out = await api.post("/api/v1/auth/logout", { refreshToken: tokens.refreshToken });
    expect(out.status).toBe(204);
    expect(out.text).toBe("");
    expect(out.headers.getSetCookie()).toEqual([
      "pr_access=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
      "pr_refresh=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
    ]);
    expectProblem(await api.get("/api/v1/profile", { token: tokens.accessToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: tokens.refreshToken }), "invalid_token", SESSION_ENDED);
  });

  it("by bearer token with no body", async () => {
    const tokens = await signIn();
    const out = await call("POST", "/api/v1/auth/logout", { token: tokens.accessToken });
    expect(out.status).toBe(204);
    expectProblem(await api.get("/api/v1/profile", { token: tokens.accessToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: tokens.refreshToken }), "invalid_token", SESSION_ENDED);
    // Signing out again is no error: the session has ended, whatever the token says.
    expect((await call("POST", "/api/v1/auth/logout", { token: tokens.accessToken })).status).toBe(204);
  });

  it("by bearer token from another origin: bearer needs no Origin", async () => {
    const tokens = await signIn();
    const out = await call("POST", "/api/v1/auth/logout", {
      token: tokens.accessToken,
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(out.status).toBe(204);
  });

  it("by access cookie from the same origin; another origin gets 403 csrf_rejected", async () => {
    const { tokens, access } = await signInWithCookies();
    const cookie = { cookie: `pr_access=${access}` };
    expectProblem(
      await call("POST", "/api/v1/auth/logout", { headers: { ...cookie, "sec-fetch-site": "cross-site" } }),
      "csrf_rejected",
      'A cookie-authenticated request that changes data must come from this site (Sec-Fetch-Site is "cross-site"). API clients should use Authorization: Bearer.',
    );
    expectProblem(
      await call("POST", "/api/v1/auth/logout", { headers: cookie }),
      "csrf_rejected",
      "A cookie-authenticated request that changes data must come from this site (the request has neither Origin nor Sec-Fetch-Site). API clients should use Authorization: Bearer.",
    );
    // Reading needs no proof of origin.
    expect((await api.get("/api/v1/profile", { headers: { ...cookie, origin: "https://evil.example" } })).status).toBe(200);
    expect((await api.get("/api/v1/profile", { token: tokens.accessToken })).status).toBe(200);

    const out = await call("POST", "/api/v1/auth/logout", { headers: { ...cookie, "sec-fetch-site": "same-origin" } });
    expect(out.status).toBe(204);
    expectProblem(await api.get("/api/v1/profile", { headers: cookie }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.get("/api/v1/profile", { token: tokens.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("by refresh cookie alone, from the same origin only", async () => {
    const { tokens, refresh } = await signInWithCookies();
    const cookie = { cookie: `pr_refresh=${refresh}` };
    expect((await call("POST", "/api/v1/auth/logout", { headers: { ...cookie, origin: "https://evil.example" } })).status).toBe(403);
    expect((await api.get("/api/v1/profile", { token: tokens.accessToken })).status).toBe(200);
    expect((await call("POST", "/api/v1/auth/logout", { headers: { ...cookie, origin: BASE_URL } })).status).toBe(204);
    expect((await api.get("/api/v1/profile", { token: tokens.accessToken })).status).toBe(401);
  });

  it("with an invalid or expired bearer token, still ends the session of the refresh token in the body", async () => {
    const cleared = ["pr_access=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax", "pr_refresh=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"];
    const forged = await signIn();
    const out = await api.post("/api/v1/auth/logout", { refreshToken: forged.refreshToken }, { token: "forged.jwt.token" });
    expect(out.status, out.text).toBe(204);
    expect(out.headers.getSetCookie()).toEqual(cleared);
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: forged.refreshToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.get("/api/v1/profile", { token: forged.accessToken }), "invalid_token", SESSION_ENDED);

    const expired = await signIn();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 2 * 3600 * 1000);
      expectProblem(await api.get("/api/v1/profile", { token: expired.accessToken }), "invalid_token", "The access token is invalid or has expired.");
      const late = await api.post("/api/v1/auth/logout", { refreshToken: expired.refreshToken }, { token: expired.accessToken });
      expect(late.status, late.text).toBe(204);
      expect(late.headers.getSetCookie()).toEqual(cleared);
    } finally {
      vi.useRealTimers();
    }
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: expired.refreshToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.get("/api/v1/profile", { token: expired.accessToken }), "invalid_token", SESSION_ENDED);

    // A malformed Authorization header is no token either.
    const malformed = await signIn();
    const basic = await api.post("/api/v1/auth/logout", { refreshToken: malformed.refreshToken }, { headers: { authorization: "Basic eDp5" } });
    expect(basic.status, basic.text).toBe(204);
    expectProblem(await api.get("/api/v1/profile", { token: malformed.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("with a dead access cookie, ends the session of the refresh cookie", async () => {
    const { tokens, refresh } = await signInWithCookies();
    const cookie = `pr_access=forged.jwt.token; pr_refresh=${refresh}`;
    const out = await call("POST", "/api/v1/auth/logout", { headers: { cookie, "sec-fetch-site": "same-origin" } });
    expect(out.status, out.text).toBe(204);
    expect(out.headers.getSetCookie()).toHaveLength(2);
    expectProblem(await api.get("/api/v1/profile", { token: tokens.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("ends the sessions of both a valid bearer token and a refresh token of another session", async () => {
    const first = await signIn();
    const second = await signIn();
    expect((await api.post("/api/v1/auth/logout", { refreshToken: second.refreshToken }, { token: first.accessToken })).status).toBe(204);
    expectProblem(await api.get("/api/v1/profile", { token: first.accessToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await api.get("/api/v1/profile", { token: second.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("answers 204 and clears the cookies when nothing names a live session (already signed out)", async () => {
    for (const answer of [
      await call("POST", "/api/v1/auth/logout"),
      await api.post("/api/v1/auth/logout", {}),
      await api.post("/api/v1/auth/logout", { refreshToken: "unknown-token" }),
      await call("POST", "/api/v1/auth/logout", { token: "forged.jwt.token" }),
      await call("POST", "/api/v1/auth/logout", { headers: { cookie: "pr_access=forged.jwt.token", origin: BASE_URL } }),
      await call("POST", "/api/v1/auth/logout", { headers: { "sec-fetch-site": "same-origin" } }),
    ]) {
      expect(answer.status, answer.text).toBe(204);
      expect(answer.text).toBe("");
      expect(answer.headers.getSetCookie()).toHaveLength(2);
    }
    expectProblem(await api.post("/api/v1/auth/logout", { refreshToken: "x", all: true }), "validation_error", "The request body has invalid or missing fields.", [
      { path: "all", message: "Unknown field." },
    ]);
  });

  it("lets no other site clear the cookies, even of a dead session", async () => {
    // A cross-site form post carries no SameSite=Lax cookie, but the browser would still apply our Set-Cookie.
    const attempts: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example" },
      { cookie: "pr_access=forged.jwt.token", origin: "https://evil.example" },
      { cookie: "pr_access=forged.jwt.token" },
    ];
    for (const headers of attempts) {
      const answer = await call("POST", "/api/v1/auth/logout", { headers });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body.code).toBe("csrf_rejected");
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
  });

  it("ends only its own session", async () => {
    const phoneSession = await signIn();
    const secondSession = await api.post("/api/v1/auth/refresh", { refreshToken: phoneSession.refreshToken });
    const other = await signIn();
    expect((await api.post("/api/v1/auth/logout", { refreshToken: secondSession.body.refreshToken })).status).toBe(204);
    expect((await api.get("/api/v1/profile", { token: other.accessToken })).status).toBe(200);
  });
});
