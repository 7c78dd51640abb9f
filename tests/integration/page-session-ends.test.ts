import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuthTokens } from "@/lib/auth/schemas";
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

describe("getPageSession: a page stops seeing a session the moment it ends", () => {
  it("finds the signed-in user, admin flag included, from the pr_access cookie", async () => {
    jar.set("pr_access", admin.accessToken);
    const session = await getPageSession();
    expect(session.state === "signed-in" && session.user).toMatchObject({ id: admin.profile.id, isAdmin: true });
  });

  it("is signed out once the session is logged out", async () => {
    const { accessToken, refreshToken } = await signIn();
    jar.set("pr_access", accessToken);
    expect((await getPageSession()).state).toBe("signed-in");
    expect((await api.post("/api/v1/auth/logout", { refreshToken })).status).toBe(204);
    expect(await getPageSession()).toEqual({ state: "signed-out" });
  });

  it("is signed out for a blocked or deleted account", async () => {
    const blocked = await signIn();
    jar.set("pr_access", blocked.accessToken);
    expect((await getPageSession()).state).toBe("signed-in");
    const blocking = await api.patch(`/api/v1/admin/users/${blocked.profile.id}`, { isBlocked: true }, { token: admin.accessToken });
    expect(blocking.status).toBe(200);
    expect(await getPageSession()).toEqual({ state: "signed-out" });

    const deleted = await signIn();
    jar.set("pr_access", deleted.accessToken);
    expect((await api.delete("/api/v1/profile", { token: deleted.accessToken })).status).toBe(204);
    expect(await getPageSession()).toEqual({ state: "signed-out" });
  });
});
