import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { adminUser, adminUserPage } from "@/lib/admin/schemas";
import type { AuthTokens } from "@/lib/auth/schemas";
import { linkReferral } from "../helpers/accounts";
import { api } from "../helpers/api";
import { expectProblem } from "../helpers/expect-problem";
import { passCooldown, requestCode, signIn, uniquePhone } from "../helpers/flows";

let admin: AuthTokens;

beforeAll(async () => {
  admin = await signIn();
  expect(admin.profile.isAdmin).toBe(true);
});

function list(query = "", token = admin.accessToken) {
  return api.get(`/api/v1/admin/users${query ? `?${query}` : ""}`, { token });
}

describe("administration endpoints are for administrators", () => {
  it.each([
    ["GET", "/api/v1/admin/users"],
    ["GET", "/api/v1/admin/stats"],
    ["PATCH", `/api/v1/admin/users/${randomUUID()}`],
  ])("%s %s: 401 without a session, 403 forbidden for a user", async (method, path) => {
    const user = await signIn();
    const call = (token?: string) => (method === "GET" ? api.get(path, { token }) : api.patch(path, { isBlocked: true }, { token }));
    expectProblem(await call(), "unauthorized");
    expectProblem(await call(user.accessToken), "forbidden", { detail: "Only administrators can do this." });
  });
});

describe("GET /api/v1/admin/users", () => {
  it("lists accounts newest first with invitee counts", async () => {
    const referrer = await signIn();
    const invitees = [await signIn(), await signIn()];
    for (const invitee of invitees) await linkReferral(invitee.profile.id, referrer.profile);

    const response = await list("limit=100");
    expect(response.status).toBe(200);
    const page = adminUserPage.parse(response.body);
    expect(page.total).toBe(page.items.length);
    expect(page.nextCursor).toBeNull();
    const times = page.items.map((item) => item.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.items.find((item) => item.id === referrer.profile.id)).toEqual({
      id: referrer.profile.id,
      phone: referrer.profile.phone,
      firstName: null,
      lastName: null,
      email: null,
      inviteCode: referrer.profile.inviteCode,
      activatedInviteCode: null,
      inviteesCount: 2,
      isAdmin: false,
      isBlocked: false,
      createdAt: referrer.profile.createdAt,
    });
    expect(page.items.find((item) => item.id === invitees[0]!.profile.id)).toMatchObject({
      activatedInviteCode: referrer.profile.inviteCode,
      inviteesCount: 0,
    });
    expect(page.items.find((item) => item.id === admin.profile.id)).toMatchObject({ isAdmin: true });
  });

  it("searches by a phone fragment, a whole number in any format, or an invite code", async () => {
    const phone = "+79997770011";
    const { profile } = await signIn(phone);
    const only = (body: any) => body.items.map((item: { id: string }) => item.id);

    expect(only((await list("query=97770011")).body)).toEqual([profile.id]);
    expect(only((await list(`query=${encodeURIComponent("8 (999) 777-00-11")}`)).body)).toEqual([profile.id]);
    expect(only((await list(`query=${encodeURIComponent("+7 999 777")}`)).body)).toContain(profile.id);
    expect(only((await list(`query=${profile.inviteCode.toLowerCase()}`)).body)).toEqual([profile.id]);
    expect(only((await list(`query=${encodeURIComponent(` ${profile.inviteCode} `)}`)).body)).toEqual([profile.id]);
    const prefix = await list(`query=${profile.inviteCode.slice(0, 4)}`);
    expect(only(prefix.body)).toContain(profile.id);
    expect(prefix.body.total).toBe(prefix.body.items.length);

    const none = await list(`query=${encodeURIComponent("no such user!")}`);
    expect(none.body).toEqual({ total: 0, items: [], nextCursor: null });
    const wildcard = await list(`query=${encodeURIComponent("%_")}`);
    expect(wildcard.body).toEqual({ total: 0, items: [], nextCursor: null });
  });

  it("searches names and e-mails in any case and alphabet, the query's own wildcards taken literally", async () => {
    const anna = await signIn();
    const ivan = await signIn();
    const patch = (token: string, body: object) => api.patch("/api/v1/profile", body, { token });
    expect((await patch(anna.accessToken, { firstName: "Анна", lastName: "Петрова-Ёлкина", email: "anna.p@example.com" })).status).toBe(200);
    expect((await patch(ivan.accessToken, { firstName: "Ivan", lastName: "O'Brien_100%", email: "ivan@example.org" })).status).toBe(200);
    const found = async (query: string) =>
      ((await list(`query=${encodeURIComponent(query)}&limit=100`)).body.items as { id: string }[]).map((item) => item.id);

    for (const query of ["анна", "АННА", "петрова", "ёлкина", "Анна Петрова", "anna.p@", "EXAMPLE.COM"]) {
      expect(await found(query), query).toContain(anna.profile.id);
    }
    for (const query of ["ivan", "o'brien", "_100%", "IVAN@EXAMPLE.ORG"]) expect(await found(query), query).toContain(ivan.profile.id);
    expect(await found("анна")).not.toContain(ivan.profile.id);
    expect(await found("an_a")).toEqual([]);
    const listed = (await list(`query=${encodeURIComponent("Петрова")}`)).body.items.find((item: { id: string }) => item.id === anna.profile.id);
    expect(listed).toMatchObject({ firstName: "Анна", lastName: "Петрова-Ёлкина", email: "anna.p@example.com" });
  });

  it("pages through every account exactly once, even when many share a creation time", async () => {
    const db = await getDb();
    // Same microsecond for ten accounts (ties broken by id), and microseconds apart for ten more.
    await db.insert(users).values(
      Array.from({ length: 20 }, (_, index) => ({
        phone: `+7999123${String(index).padStart(4, "0")}`,
        inviteCode: `PG${String(index).padStart(4, "0")}`,
        createdAt: index < 10 ? sql`'2026-01-01T00:00:00.123456Z'::timestamptz` : sql`'2026-01-01T00:00:00.123Z'::timestamptz + make_interval(secs => ${index} / 1000000.0)`,
      })),
    );
    const everyone = adminUserPage.parse((await list("limit=100")).body);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(`limit=7${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status, response.text).toBe(200);
      const page = adminUserPage.parse(response.body);
      expect(page.total).toBe(everyone.total);
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen).toEqual(everyone.items.map((item) => item.id));
    expect(pages).toBe(Math.ceil(everyone.total / 7));

    const searched = await list("query=PG00&limit=3");
    expect(searched.body.total).toBe(20);
    const next = await list(`query=PG00&limit=3&cursor=${searched.body.nextCursor}`);
    expect(next.body.items.map((item: { id: string }) => item.id)).toEqual(
      everyone.items.filter((item) => item.inviteCode.startsWith("PG00")).slice(3, 6).map((item) => item.id),
    );
  });

  it.each([
    ["limit=0", "validation_error", [{ path: "limit", message: "Too small: expected number to be >=1" }]],
    ["limit=101", "validation_error", [{ path: "limit", message: "Too big: expected number to be <=100" }]],
    ["limit=abc", "validation_error", [{ path: "limit", message: "Invalid input: expected number, received NaN" }]],
    ["limit=2.5", "validation_error", [{ path: "limit", message: "Invalid input: expected int, received number" }]],
    ["limit=1&limit=2", "validation_error", undefined],
    ["page=2", "validation_error", [{ path: "page", message: "Unknown field." }]],
    [`query=${"1".repeat(65)}`, "validation_error", [{ path: "query", message: "Too big: expected string to have <=64 characters" }]],
    ["cursor=garbage", "invalid_cursor", undefined],
    [`cursor=${Buffer.from(JSON.stringify(["2026-01-01", "x"])).toString("base64url")}`, "invalid_cursor", undefined],
    [`cursor=${Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000000Z", "not-a-uuid"])).toString("base64url")}`, "invalid_cursor", undefined],
    [`cursor=${Buffer.from(JSON.stringify(["2026-13-45T00:00:00.000000Z", randomUUID()])).toString("base64url")}`, "invalid_cursor", undefined],
    [`cursor=${Buffer.from(JSON.stringify(["2026-02-30T00:00:00.000000Z", randomUUID()])).toString("base64url")}`, "invalid_cursor", undefined],
    [`cursor=${Buffer.from(JSON.stringify(["2026-02-28T24:00:00.000000Z", randomUUID()])).toString("base64url")}`, "invalid_cursor", undefined],
    [`cursor=${Buffer.from(JSON.stringify({ a: 1 })).toString("base64url")}`, "invalid_cursor", undefined],
  ] as const)("refuses %s with 400 %s", async (query, code, errors) => {
    expectProblem(await list(query), code, errors ? { errors: [...errors] } : {});
  });
});

describe("PATCH /api/v1/admin/users/{id}", () => {
  it("grants and revokes administrator rights, effective at once", async () => {
    const user = await signIn();
    expectProblem(await list("", user.accessToken), "forbidden");
    const granted = await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isAdmin: true }, { token: admin.accessToken });
    expect(granted.status).toBe(200);
    expect(adminUser.parse(granted.body)).toEqual({
      id: user.profile.id,
      phone: user.profile.phone,
      firstName: null,
      lastName: null,
      email: null,
      inviteCode: user.profile.inviteCode,
      activatedInviteCode: null,
      inviteesCount: 0,
      isAdmin: true,
      isBlocked: false,
      createdAt: user.profile.createdAt,
    });
    expect((await list("", user.accessToken)).status).toBe(200);
    expect((await api.get("/api/v1/profile", { token: user.accessToken })).body.isAdmin).toBe(true);

    const revoked = await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isAdmin: false }, { token: admin.accessToken });
    expect(revoked.body.isAdmin).toBe(false);
    expectProblem(await list("", user.accessToken), "forbidden");
  });

  it("tells a blocked account's page why its session ended: the cookie refresh answers 403 account_blocked and clears the cookies", async () => {
    const phone = uniquePhone();
    const verified = await api.post("/api/v1/auth/verify", { phone, code: await requestCode(phone) });
    const cookie = verified.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    expect((await api.patch(`/api/v1/admin/users/${verified.body.profile.id}`, { isBlocked: true }, { token: admin.accessToken })).status).toBe(200);

    const refreshed = await api.post("/api/v1/auth/refresh", undefined, { headers: { cookie, "sec-fetch-site": "same-origin" } });
    expectProblem(refreshed, "account_blocked");
    expect(refreshed.headers.getSetCookie().map((line) => line.split(";").slice(0, 3).join(";"))).toEqual([
      "pr_access=; Path=/; Max-Age=0",
      "pr_refresh=; Path=/; Max-Age=0",
    ]);
  });

  it("blocks: every session ends at once and sign-in answers 403 account_blocked; unblocking lets them in again", async () => {
    const user = await signIn();
    await passCooldown(user.profile.phone);
    const secondSession = await signIn(user.profile.phone);

    const blocked = await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isBlocked: true }, { token: admin.accessToken });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({ id: user.profile.id, isBlocked: true, isAdmin: false });
    for (const session of [user, secondSession]) {
      expectProblem(await api.get("/api/v1/profile", { token: session.accessToken }), "invalid_token");
      // The holder of the session is told why it ended (the pages say so at /login).
      expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: session.refreshToken }), "account_blocked");
    }
    await passCooldown(user.profile.phone);
    const code = await requestCode(user.profile.phone);
    expectProblem(await api.post("/api/v1/auth/verify", { phone: user.profile.phone, code }), "account_blocked", {
      detail: "This account is blocked.",
    });

    const unblocked = await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isBlocked: false }, { token: admin.accessToken });
    expect(unblocked.body.isBlocked).toBe(false);
    // Unblocking does not bring the ended sessions back.
    expectProblem(await api.get("/api/v1/profile", { token: user.accessToken }), "invalid_token");
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: secondSession.refreshToken }), "invalid_token");
    await passCooldown(user.profile.phone);
    const again = await signIn(user.profile.phone);
    expect(again.profile.id).toBe(user.profile.id);
  });

  it("sets both flags at once, and an empty change answers the account as it is", async () => {
    const user = await signIn();
    const both = await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isAdmin: true, isBlocked: true }, { token: admin.accessToken });
    expect(both.body).toMatchObject({ isAdmin: true, isBlocked: true });
    const same = await api.patch(`/api/v1/admin/users/${user.profile.id}`, {}, { token: admin.accessToken });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(both.body);
  });

  it("refuses an administrator's own demotion or blocking with 409 admin_self_change", async () => {
    const path = `/api/v1/admin/users/${admin.profile.id}`;
    expectProblem(await api.patch(path, { isAdmin: false }, { token: admin.accessToken }), "admin_self_change", {
      detail: "You cannot remove your own administrator rights.",
    });
    expectProblem(await api.patch(path, { isBlocked: true }, { token: admin.accessToken }), "admin_self_change", {
      detail: "You cannot block your own account.",
    });
    expectProblem(await api.patch(path, { isAdmin: false, isBlocked: true }, { token: admin.accessToken }), "admin_self_change");
    const harmless = await api.patch(path, { isAdmin: true, isBlocked: false }, { token: admin.accessToken });
    expect(harmless.status).toBe(200);
    expect(harmless.body).toMatchObject({ id: admin.profile.id, isAdmin: true, isBlocked: false });
    expect((await api.get("/api/v1/profile", { token: admin.accessToken })).status).toBe(200);
  });

  it("refuses the administrator's own demotion or blocking however the id is written", async () => {
    const upper = admin.profile.id.toUpperCase();
    const mixed = [...admin.profile.id].map((char, index) => (index % 2 ? char.toUpperCase() : char)).join("");
    for (const id of [upper, mixed]) {
      expect(id).not.toBe(admin.profile.id);
      for (const change of [{ isAdmin: false }, { isBlocked: true }]) {
        expectProblem(await api.patch(`/api/v1/admin/users/${id}`, change, { token: admin.accessToken }), "admin_self_change");
      }
    }
    // Another account by an upper-case id: found, and answered with the canonical id.
    const user = await signIn();
    const blocked = await api.patch(`/api/v1/admin/users/${user.profile.id.toUpperCase()}`, { isBlocked: true }, { token: admin.accessToken });
    expect(blocked.status, blocked.text).toBe(200);
    expect(blocked.body).toMatchObject({ id: user.profile.id, isBlocked: true });
    const me = await api.get("/api/v1/profile", { token: admin.accessToken });
    expect(me.body).toMatchObject({ isAdmin: true });
  });

  it("never leaves two administrators who demote or block each other at the same moment without rights", async () => {
    for (const change of [{ isAdmin: false }, { isBlocked: true }, { isAdmin: false }, { isBlocked: true }]) {
      const [first, second] = [await signIn(), await signIn()];
      for (const account of [first, second]) {
        expect((await api.patch(`/api/v1/admin/users/${account.profile.id}`, { isAdmin: true }, { token: admin.accessToken })).status).toBe(200);
      }
      const answers = await Promise.all([
        api.patch(`/api/v1/admin/users/${second.profile.id}`, change, { token: first.accessToken }),
        api.patch(`/api/v1/admin/users/${first.profile.id}`, change, { token: second.accessToken }),
      ]);
      // One change wins. The other administrator has lost the right to make theirs by then: 403, or, blocked,
      // 401 when the block had already ended their session as they signed the request in.
      const [won, lost] = answers.map((answer) => answer.status).sort();
      expect(won).toBe(200);
      expect(change.isBlocked ? [401, 403] : [403]).toContain(lost);
      const rows = await (await getDb())
        .select({ isAdmin: users.isAdmin, isBlocked: users.isBlocked })
        .from(users)
        .where(sql`${users.id} in ${[first.profile.id, second.profile.id]}`);
      expect(rows.filter((row) => row.isAdmin && !row.isBlocked)).toHaveLength(1);
    }
  });

  it("answers 404 for an unknown id and 400 for a malformed id or body", async () => {
    expectProblem(await api.patch(`/api/v1/admin/users/${randomUUID()}`, { isBlocked: true }, { token: admin.accessToken }), "not_found", {
      detail: "There is no account with this id.",
    });
    expectProblem(await api.patch("/api/v1/admin/users/12345", { isBlocked: true }, { token: admin.accessToken }), "validation_error", {
      errors: [{ path: "id", message: "Expected a UUID." }],
    });
    const user = await signIn();
    const path = `/api/v1/admin/users/${user.profile.id}`;
    expectProblem(await api.patch(path, { isBlocked: "yes" }, { token: admin.accessToken }), "validation_error", {
      errors: [{ path: "isBlocked", message: "Invalid input: expected boolean, received string" }],
    });
    expectProblem(await api.patch(path, { phone: uniquePhone() }, { token: admin.accessToken }), "validation_error", {
      errors: [{ path: "phone", message: "Unknown field." }],
    });
    expectProblem(await api.patch(path, undefined, { token: admin.accessToken }), "unsupported_media_type");
  });
});
