import { and, eq, isNotNull, sql } from "drizzle-orm";
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { refreshTokens, sessions } from "@/db/schema";
import { type AuthTokens } from "@/lib/auth/schemas";
import { sessionList } from "@/lib/sessions/schemas";
import { api, BASE_URL, call } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { passCooldown, passRefreshReuseGrace, requestCode, signIn, uniquePhone } from "../helpers/flows";
import { expectProblem } from "../helpers/problems";

const SESSION_ENDED = "The session has ended. Sign in again.";
const REFRESH_REUSED = "The refresh token was already used; the session has been ended for safety. Sign in again.";
const NO_SUCH_SESSION = "This account has no live session with this id.";

const sid = (accessToken: string) => decodeJwt(accessToken).sid as string;
const refresh = (refreshToken: string) => api.post<AuthTokens>("/api/v1/auth/refresh", { refreshToken });

/** Signs in from a given browser and network. */
async function signInFrom({ phone, userAgent, address }: { phone: string; userAgent?: string; address?: string }): Promise<AuthTokens> {
  await passCooldown(phone);
  const code = await requestCode(phone, address);
  const headers: Record<string, string> = userAgent ? { "user-agent": userAgent } : {};
  const verified = await api.post<AuthTokens>("/api/v1/auth/verify", { phone, code }, { headers, address });
  expect(verified.status, verified.text).toBe(200);
  return verified.body;
}

describe("GET /api/v1/profile/sessions", () => {
  it("lists the account's live sessions with their browser, coarse network and which one is asking", async () => {
    const phone = uniquePhone();
    const phoneSession = await signInFrom({ phone, userAgent: "PhoneApp/2.1 (iOS 18)", address: "203.0.113.57" });
    const laptop = await signInFrom({ phone, userAgent: `Mozilla/5.0 ${"x".repeat(600)}`, address: "2001:db8:1:2::abcd" });
    const ended = await signInFrom({ phone });
    await api.post("/api/v1/auth/logout", { refreshToken: ended.refreshToken });
    const someoneElse = await signIn();

    const listed = await api.get("/api/v1/profile/sessions", { token: laptop.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.headers.get("cache-control")).toBe("no-store");
    expect(sessionList.parse(listed.body)).toEqual(listed.body);
    const items = listed.body.items as { id: string; userAgent: string; ip: string; current: boolean; createdAt: string; lastUsedAt: string }[];
    expect(items.map((item) => item.id).sort()).toEqual([sid(phoneSession.accessToken), sid(laptop.accessToken)].sort());
    expect(items.map((item) => item.id)).not.toContain(sid(someoneElse.accessToken));
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId[sid(phoneSession.accessToken)]).toMatchObject({ userAgent: "PhoneApp/2.1 (iOS 18)", ip: "203.0.113.0/24", current: false });
    expect(byId[sid(laptop.accessToken)]).toMatchObject({ ip: "2001:db8:1::/48", current: true });
    expect(byId[sid(laptop.accessToken)]!.userAgent).toHaveLength(512);

    const fromPhone = await api.get("/api/v1/profile/sessions", { token: phoneSession.accessToken });
    expect(fromPhone.body.items.find((item: { current: boolean }) => item.current).id).toBe(sid(phoneSession.accessToken));
  });

  it("needs a signed-in user", async () => {
    expectProblem(await api.get("/api/v1/profile/sessions"), "unauthorized", "Sign in first: send Authorization: Bearer <accessToken>.");
  });

  it("shows lastUsedAt moved by a refresh, and by a request at most once a minute", async () => {
    const tokens = await signIn();
    const db = await getDb();
    const lastUsed = async () => (await db.select({ at: sessions.lastUsedAt }).from(sessions).where(eq(sessions.id, sid(tokens.accessToken))))[0]!.at;
    const setBack = (interval: string) => db.execute(sql`update sessions set last_used_at = now() - ${interval}::interval where id = ${sid(tokens.accessToken)}`);

    await setBack("30 seconds");
    const recent = await lastUsed();
    await api.get("/api/v1/profile", { token: tokens.accessToken });
    expect(await lastUsed()).toEqual(recent);

    await setBack("2 minutes");
    const old = await lastUsed();
    await api.get("/api/v1/profile", { token: tokens.accessToken });
    expect((await lastUsed()).getTime()).toBeGreaterThan(old.getTime() + 100_000);

    await setBack("30 seconds");
    const beforeRefresh = await lastUsed();
    expect((await refresh(tokens.refreshToken)).status).toBe(200);
    expect((await lastUsed()).getTime()).toBeGreaterThan(beforeRefresh.getTime() + 20_000);
  });
});

describe("DELETE /api/v1/profile/sessions/{id}", () => {
  it("ends that session at once: its access token and refresh token are refused; the others live on", async () => {
    const phone = uniquePhone();
    const here = await signInFrom({ phone });
    const there = await signInFrom({ phone });
    const ended = await api.delete(`/api/v1/profile/sessions/${sid(there.accessToken)}`, { token: here.accessToken });
    expect(ended.status).toBe(204);
    expect(ended.text).toBe("");
    expectProblem(await api.get("/api/v1/profile", { token: there.accessToken }), "invalid_token", SESSION_ENDED);
    expectProblem(await refresh(there.refreshToken), "invalid_token", SESSION_ENDED);
    expect((await api.get("/api/v1/profile", { token: here.accessToken })).status).toBe(200);
    // Ended already: 404, like any id this account has no live session with.
    expectProblem(await api.delete(`/api/v1/profile/sessions/${sid(there.accessToken)}`, { token: here.accessToken }), "not_found", NO_SUCH_SESSION);
  });

  it("is 404 for another account's session (which lives on), an unknown id and a malformed one", async () => {
    const mine = await signIn();
    const theirs = await signIn();
    for (const id of [sid(theirs.accessToken), "6f1b2c3d-0000-4000-8000-000000000000", "not-a-uuid", "1%27%20OR%201%3D1", "x".repeat(300)]) {
      expectProblem(await api.delete(`/api/v1/profile/sessions/${id}`, { token: mine.accessToken }), "not_found", NO_SUCH_SESSION);
    }
    expect((await api.get("/api/v1/profile", { token: theirs.accessToken })).status).toBe(200);
  });

  it("can end the current session", async () => {
    const tokens = await signIn();
    expect((await api.delete(`/api/v1/profile/sessions/${sid(tokens.accessToken)}`, { token: tokens.accessToken })).status).toBe(204);
    expectProblem(await api.get("/api/v1/profile", { token: tokens.accessToken }), "invalid_token", SESSION_ENDED);
  });

  it("refuses a cross-site request authenticated by cookie", async () => {
    const tokens = await signIn();
    const answer = await call("DELETE", `/api/v1/profile/sessions/${sid(tokens.accessToken)}`, {
      headers: { cookie: `pr_access=${tokens.accessToken}`, origin: "https://evil.example" },
    });
    expect(answer.status).toBe(403);
    expect((await api.get("/api/v1/profile", { token: tokens.accessToken })).status).toBe(200);
    const same = await call("DELETE", `/api/v1/profile/sessions/${sid(tokens.accessToken)}`, { headers: { cookie: `pr_access=${tokens.accessToken}`, origin: BASE_URL } });
    expect(same.status).toBe(204);
  });
});

describe("DELETE /api/v1/profile/sessions", () => {
  it("ends every session of the account but the current one, and nobody else's", async () => {
    const phone = uniquePhone();
    const here = await signInFrom({ phone });
    const others = [await signInFrom({ phone }), await signInFrom({ phone })];
    const someoneElse = await signIn();
    const answer = await api.delete("/api/v1/profile/sessions", { token: here.accessToken });
    expect(answer.status).toBe(204);
    for (const other of others) {
      expectProblem(await api.get("/api/v1/profile", { token: other.accessToken }), "invalid_token", SESSION_ENDED);
      expectProblem(await refresh(other.refreshToken), "invalid_token", SESSION_ENDED);
    }
    expect((await api.get("/api/v1/profile", { token: here.accessToken })).status).toBe(200);
    expect((await api.get("/api/v1/profile", { token: someoneElse.accessToken })).status).toBe(200);
    const listed = await api.get("/api/v1/profile/sessions", { token: here.accessToken });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: sid(here.accessToken), current: true })]);
    // Nothing left to end: still 204.
    expect((await api.delete("/api/v1/profile/sessions", { token: here.accessToken })).status).toBe(204);
  });

  it("needs a signed-in user", async () => {
    expectProblem(await api.delete("/api/v1/profile/sessions"), "unauthorized", "Sign in first: send Authorization: Bearer <accessToken>.");
  });
});

describe("refresh reuse grace window", () => {
  it("a retry after a lost answer gets a valid pair of the same session", async () => {
    const first = await signIn();
    const lost = await refresh(first.refreshToken);
    expect(lost.status).toBe(200);
    const retried = await refresh(first.refreshToken);
    expect(retried.status, retried.text).toBe(200);
    expect(sid(retried.body.accessToken)).toBe(sid(first.accessToken));
    expect(retried.body.refreshToken).not.toBe(lost.body.refreshToken);
    expect((await api.get("/api/v1/profile", { token: retried.body.accessToken })).status).toBe(200);
    const next = await refresh(retried.body.refreshToken);
    expect(next.status).toBe(200);
    expect(sid(next.body.accessToken)).toBe(sid(first.accessToken));
  });

  it("two tabs refreshing the same token at once both get a pair of the same session", async () => {
    const first = await signIn();
    const answers = await Promise.all(Array.from({ length: 4 }, () => refresh(first.refreshToken)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((answer) => sid(answer.body.accessToken)))).toEqual(new Set([sid(first.accessToken)]));
    expect(new Set(answers.map((answer) => answer.body.refreshToken)).size).toBe(4);
    for (const answer of answers) expect((await api.get("/api/v1/profile", { token: answer.body.accessToken })).status).toBe(200);
    // Each new refresh token is rotated once, as any other.
    const db = await getDb();
    const rotated = await db
      .select({ hash: refreshTokens.tokenHash })
      .from(refreshTokens)
      .where(and(eq(refreshTokens.sessionId, sid(first.accessToken)), isNotNull(refreshTokens.rotatedAt)));
    expect(rotated).toHaveLength(1);
  });

  it("after the window, the same token ends the whole session, as before", async () => {
    const first = await signIn();
    const rotated = await refresh(first.refreshToken);
    const retried = await refresh(first.refreshToken);
    await passRefreshReuseGrace();
    expectProblem(await refresh(first.refreshToken), "invalid_token", REFRESH_REUSED);
    for (const pair of [rotated.body, retried.body]) {
      expectProblem(await api.get("/api/v1/profile", { token: pair.accessToken }), "invalid_token", SESSION_ENDED);
      expectProblem(await refresh(pair.refreshToken), "invalid_token", SESSION_ENDED);
    }
  });

  it("the window does not grow: a token reused within it keeps its first rotation time", async () => {
    const first = await signIn();
    await refresh(first.refreshToken);
    const db = await getDb();
    await db.execute(sql`update refresh_tokens set rotated_at = now() - interval '8 seconds' where session_id = ${sid(first.accessToken)} and rotated_at is not null`);
    expect((await refresh(first.refreshToken)).status).toBe(200);
    await db.execute(sql`update refresh_tokens set rotated_at = rotated_at - interval '3 seconds' where session_id = ${sid(first.accessToken)} and rotated_at is not null`);
    expectProblem(await refresh(first.refreshToken), "invalid_token", REFRESH_REUSED);
  });

  it("does not bring back an ended session", async () => {
    const first = await signIn();
    await refresh(first.refreshToken);
    await api.post("/api/v1/auth/logout", { refreshToken: first.refreshToken });
    expectProblem(await refresh(first.refreshToken), "invalid_token", SESSION_ENDED);
  });

  it("is off with REFRESH_REUSE_GRACE_SECONDS=0: an immediate reuse ends the session, also when concurrent", async () => {
    const restore = setEnv({ REFRESH_REUSE_GRACE_SECONDS: "0" });
    try {
      const first = await signIn();
      const rotated = await refresh(first.refreshToken);
      expectProblem(await refresh(first.refreshToken), "invalid_token", REFRESH_REUSED);
      expectProblem(await api.get("/api/v1/profile", { token: rotated.body.accessToken }), "invalid_token", SESSION_ENDED);

      const second = await signIn();
      const answers = await Promise.all([refresh(second.refreshToken), refresh(second.refreshToken)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
      const winner = answers.find((answer) => answer.status === 200)!;
      expectProblem(await api.get("/api/v1/profile", { token: winner.body.accessToken }), "invalid_token", SESSION_ENDED);
    } finally {
      restore();
    }
  });

  it("a longer window from the configuration", async () => {
    const restore = setEnv({ REFRESH_REUSE_GRACE_SECONDS: "60" });
    try {
      const first = await signIn();
      await refresh(first.refreshToken);
      const db = await getDb();
      await db.execute(sql`update refresh_tokens set rotated_at = now() - interval '45 seconds' where session_id = ${sid(first.accessToken)} and rotated_at is not null`);
      expect((await refresh(first.refreshToken)).status).toBe(200);
    } finally {
      restore();
    }
  });
});

it("sign-in keeps the phone's user agent out of other accounts (a sanity check of the fixtures)", async () => {
  const phone = uniquePhone();
  const tokens = await signInFrom({ phone, userAgent: "Fixture/1.0" });
  const listed = await api.get("/api/v1/profile/sessions", { token: tokens.accessToken });
  expect(listed.body.items).toEqual([expect.objectContaining({ userAgent: "Fixture/1.0", ip: "127.0.0.0/24", current: true })]);
});
