import { beforeEach, describe, expect, it, vi } from "vitest";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { signIn } from "../helpers/flows";

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  cookies: () => Promise.resolve({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined) }),
}));

describe("getPageSession (who is looking at a server-rendered page)", () => {
  beforeEach(() => jar.clear());

  it("is signed-in with a valid access cookie", async () => {
    const tokens = await signIn();
    jar.set("pr_access", tokens.accessToken);
    const session = await getPageSession();
    expect(session.state).toBe("signed-in");
    expect(session.state === "signed-in" && session.user.phone).toBe(tokens.profile.phone);
  });

  it("is resumable with only a refresh cookie, or with an invalid access cookie beside it", async () => {
    jar.set("pr_refresh", "some-refresh-token");
    expect(await getPageSession()).toEqual({ state: "resumable" });
    jar.set("pr_access", "not-a-jwt");
    expect(await getPageSession()).toEqual({ state: "resumable" });
  });

  it("is signed-out without cookies, and with only an invalid access cookie", async () => {
    expect(await getPageSession()).toEqual({ state: "signed-out" });
    jar.set("pr_access", "not-a-jwt");
    expect(await getPageSession()).toEqual({ state: "signed-out" });
  });
});
