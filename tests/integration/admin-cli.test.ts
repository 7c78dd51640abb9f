import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { ADMIN_USAGE, runAdminCommand } from "@/lib/admin/run-admin-command";
import type { AuthTokens } from "@/lib/auth/schemas";
import { api } from "../helpers/api";
import { countUsers } from "../helpers/db";
import { signIn, uniquePhone } from "../helpers/flows";

const admin = (...args: string[]) => runAdminCommand({ args, connect: getDb });
const signedInAdmins = () => countUsers(and(eq(users.isAdmin, true), eq(users.isBlocked, false)));

let first: AuthTokens;
beforeAll(async () => {
  first = await signIn();
  expect(first.profile.isAdmin).toBe(true);
});

describe("npm run admin", () => {
  it("grants and revokes by phone in any format, effective on the next request", async () => {
    const user = await signIn("+79995550011");
    expect(await admin("grant", "8 (999) 555-00-11")).toEqual({ exitCode: 0, output: "+79995550011 is now an administrator." });
    expect((await api.get("/api/v1/admin/users", { token: user.accessToken })).status).toBe(200);
    expect(await admin("grant", "+79995550011")).toEqual({ exitCode: 0, output: "+79995550011 is already an administrator; nothing changed." });

    expect(await admin("revoke", "+7 999 555 00 11")).toEqual({ exitCode: 0, output: "+79995550011 is no longer an administrator." });
    expect((await api.get("/api/v1/admin/users", { token: user.accessToken })).status).toBe(403);
    expect(await admin("revoke", "+79995550011")).toEqual({ exitCode: 0, output: "+79995550011 is not an administrator; nothing changed." });
  });

  it("says when a granted account is blocked", async () => {
    const user = await signIn();
    expect((await api.patch(`/api/v1/admin/users/${user.profile.id}`, { isBlocked: true }, { token: first.accessToken })).status).toBe(200);
    expect(await admin("grant", user.profile.phone)).toEqual({
      exitCode: 0,
      output: `${user.profile.phone} is now an administrator. The account is blocked: it cannot sign in until an administrator unblocks it.`,
    });
  });

  it("refuses a phone without an account, and a phone that is not one, with a non-zero exit", async () => {
    const phone = uniquePhone();
    expect(await admin("grant", phone)).toEqual({
      exitCode: 1,
      output: `No account has the phone ${phone}. An account is made at the phone's first sign-in: sign in once, then grant it.`,
    });
    expect(await admin("revoke", phone)).toMatchObject({ exitCode: 1 });
    expect(await admin("grant", "12345")).toEqual({ exitCode: 2, output: '"12345" is not a valid phone number. Give the phone as +79991234567.' });
    expect(await countUsers(eq(users.phone, phone))).toBe(0);
  });

  it("lets a database failure through to the script, which prints it and exits 1", async () => {
    const failure = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    await expect(runAdminCommand({ args: ["grant", "+79991234567"], connect: () => Promise.reject(failure) })).rejects.toBe(failure);
  });

  it.each([[[]], [["grant"]], [["promote", "+79991234567"]], [["grant", "+79991234567", "extra"]], [["grant", "+79991234567", "--force"]]])(
    "prints the usage for %j",
    async (args) => {
      expect(await runAdminCommand({ args, connect: () => Promise.reject(new Error("must not connect")) })).toEqual({ exitCode: 2, output: ADMIN_USAGE });
    },
  );

  it("refuses to revoke the last administrator who can sign in, unless --force", async () => {
    // Everybody else granted above is revoked or blocked by now: `first` is the last.
    expect(await signedInAdmins()).toBe(1);
    expect(await admin("revoke", first.profile.phone)).toEqual({
      exitCode: 1,
      output: `${first.profile.phone} is the only administrator who can sign in. Grant another account first, or repeat with --force to leave the service without one.`,
    });
    expect(await signedInAdmins()).toBe(1);

    expect(await admin("revoke", first.profile.phone, "--force")).toEqual({ exitCode: 0, output: `${first.profile.phone} is no longer an administrator.` });
    expect(await signedInAdmins()).toBe(0);
    // Nobody becomes administrator by signing up now: the first-account rule has fired. The CLI brings one back.
    expect((await signIn()).profile.isAdmin).toBe(false);
    expect(await admin("grant", first.profile.phone)).toMatchObject({ exitCode: 0 });
    expect(await signedInAdmins()).toBe(1);
  });

  it("cannot leave zero administrators with a revoke racing the other administrator's deletion", async () => {
    const second = await signIn();
    expect(await admin("grant", second.profile.phone)).toMatchObject({ exitCode: 0 });
    const [revoked, deleted] = await Promise.all([admin("revoke", first.profile.phone), api.delete("/api/v1/profile", { token: second.accessToken })]);
    expect([revoked.exitCode, deleted.status].sort()).toSatisfy((pair: number[]) => pair.join() === "0,409" || pair.join() === "1,204");
    expect(await signedInAdmins()).toBe(1);
  });
});
