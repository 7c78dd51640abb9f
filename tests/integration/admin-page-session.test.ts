import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import type { AuthTokens } from "@/lib/auth/schemas";
import { findLiveSession } from "@/lib/sessions/find-live-session";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { api } from "../helpers/api";
import { signIn } from "../helpers/flows";

const jar = new Map<string, string>();

vi.mock("next/headers", () => ({
  cookies: () => Promise.resolve({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));

let admin: AuthTokens;

beforeAll(async () => {
  admin = await signIn();
});

beforeEach(() => jar.clear());

describe("getPageSession (server-rendered pages)", () => {
  it("finds the signed-in user from the pr_access cookie", async () => {
    const { accessToken, profile } = await signIn();
    jar.set("pr_access", accessToken);
    const session = await getPageSession();
    expect(session?.user).toMatchObject({ id: profile.id, phone: profile.phone, isAdmin: profile.isAdmin });
    expect(session?.sessionId).toEqual(expect.any(String));
  });

  it("is undefined without a cookie, with a forged token, or once the session has ended", async () => {
    expect(await getPageSession()).toBeUndefined();
    jar.set("pr_access", "forged.token.value");
    expect(await getPageSession()).toBeUndefined();

    const { accessToken, refreshToken } = await signIn();
    jar.set("pr_access", accessToken);
    expect(await getPageSession()).toBeDefined();
    expect((await api.post("/api/v1/auth/logout", { refreshToken })).status).toBe(204);
    expect(await getPageSession()).toBeUndefined();
  });

  it("is undefined for a blocked or deleted account", async () => {
    const blocked = await signIn();
    const db = await getDb();
    expect(await findLiveSession({ db, accessToken: blocked.accessToken })).toBeDefined();
    const blocking = await api.patch(`/api/v1/admin/users/${blocked.profile.id}`, { isBlocked: true }, { token: admin.accessToken });
    expect(blocking.status).toBe(200);
    expect(await findLiveSession({ db, accessToken: blocked.accessToken })).toBeUndefined();

    const deleted = await signIn();
    expect((await api.delete("/api/v1/profile", { token: deleted.accessToken })).status).toBe(204);
    expect(await findLiveSession({ db, accessToken: deleted.accessToken })).toBeUndefined();
  });
});
