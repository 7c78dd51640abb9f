import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, useDatabaseForTests as switchDatabase } from "@/db";
import { otpCodes, users } from "@/db/schema";
import type { AuthTokens } from "@/lib/auth/schemas";
import { linkReferral } from "../helpers/accounts";
import { api } from "../helpers/api";
import { countUsers } from "../helpers/db";
import { expectProblem } from "../helpers/expect-problem";
import { passCooldown, signIn, uniquePhone } from "../helpers/flows";
import { testDatabase } from "../helpers/setup-database";
import { createTestDatabase } from "../helpers/test-database";

const backend = process.env.TEST_DB;
const lastAdminDetail = "You are the only administrator. Make another account an administrator first, then delete this one.";
const signedInAdmins = () => countUsers(and(eq(users.isAdmin, true), eq(users.isBlocked, false)));

/** A fresh database whose first account (an administrator) has made `more` others administrators too. */
async function withAdmins(more: number, test: (admins: AuthTokens[]) => Promise<void>): Promise<void> {
  const fresh = await createTestDatabase();
  switchDatabase(fresh);
  try {
    const admins = [await signIn()];
    for (let i = 0; i < more; i++) {
      const next = await signIn();
      const granted = await api.patch(`/api/v1/admin/users/${next.profile.id}`, { isAdmin: true }, { token: admins[0]!.accessToken });
      expect(granted.status).toBe(200);
      admins.push(next);
    }
    await test(admins);
  } finally {
    switchDatabase(testDatabase());
    await fresh.close();
  }
}

describe("DELETE /api/v1/profile", () => {
  let admin: AuthTokens;
  // The first account is the administrator; the accounts deleted below are ordinary ones.
  beforeAll(async () => {
    admin = await signIn();
    expect(admin.profile.isAdmin).toBe(true);
  });

  it("refuses the last administrator with 409 last_admin, and lets them go once there is another", async () => {
    expectProblem(await api.delete("/api/v1/profile", { token: admin.accessToken }), "last_admin", { detail: lastAdminDetail });
    expect((await api.get("/api/v1/profile", { token: admin.accessToken })).status).toBe(200);

    // A blocked administrator cannot sign in, so does not count.
    const blocked = await signIn();
    for (const change of [{ isAdmin: true }, { isBlocked: true }]) {
      expect((await api.patch(`/api/v1/admin/users/${blocked.profile.id}`, change, { token: admin.accessToken })).status).toBe(200);
    }
    expectProblem(await api.delete("/api/v1/profile", { token: admin.accessToken }), "last_admin");

    const successor = await signIn();
    expect((await api.patch(`/api/v1/admin/users/${successor.profile.id}`, { isAdmin: true }, { token: admin.accessToken })).status).toBe(200);
    expect((await api.delete("/api/v1/profile", { token: admin.accessToken })).status).toBe(204);
    expectProblem(await api.delete("/api/v1/profile", { token: successor.accessToken }), "last_admin");
    // The successor administers on: the next tests sign ordinary accounts in.
    admin = successor;
  });

  it("never leaves zero administrators when the last two delete themselves at the same moment", async () => {
    for (let round = 0; round < (backend === "postgres" ? 4 : 1); round++) {
      await withAdmins(1, async ([first, second]) => {
        const answers = await Promise.all([first!, second!].map((account) => api.delete("/api/v1/profile", { token: account.accessToken })));
        expect(answers.map((answer) => answer.status).sort()).toEqual([204, 409]);
        expect(answers.find((answer) => answer.status === 409)?.body.code).toBe("last_admin");
        expect(await signedInAdmins()).toBe(1);
      });
    }
  });

  it("never leaves zero administrators when one deletes themselves while demoting or blocking the other", async () => {
    for (const change of [{ isAdmin: false }, { isBlocked: true }]) {
      await withAdmins(1, async ([first, second]) => {
        const [deleted, changed] = await Promise.all([
          api.delete("/api/v1/profile", { token: first!.accessToken }),
          api.patch(`/api/v1/admin/users/${second!.profile.id}`, change, { token: first!.accessToken }),
        ]);
        // Either the change went first (then the deletion is the last admin's) or the deletion did (then the
        // change has no administrator behind it any more).
        expect([deleted.status, changed.status].sort(), `${deleted.text} ${changed.text}`).toSatisfy(
          (statuses: number[]) => [[200, 409], [204, 401], [204, 403]].some((pair) => pair.join() === statuses.join()),
        );
        expect(await signedInAdmins()).toBe(1);
      });
    }
  });

  it("deletes the account and ends every session at once", async () => {
    const first = await signIn();
    await passCooldown(first.profile.phone);
    const second = await signIn(first.profile.phone);

    const deleted = await api.delete("/api/v1/profile", { token: first.accessToken });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect(deleted.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^pr_access=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/),
      expect.stringMatching(/^pr_refresh=; Path=\/; Max-Age=0; HttpOnly; SameSite=Lax/),
    ]);

    for (const session of [first, second]) {
      expectProblem(await api.get("/api/v1/profile", { token: session.accessToken }), "invalid_token");
      expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: session.refreshToken }), "invalid_token");
    }
    expectProblem(await api.delete("/api/v1/profile", { token: second.accessToken }), "invalid_token");
    expect(await (await getDb()).select().from(users).where(eq(users.id, first.profile.id))).toEqual([]);
  });

  it("lets the phone sign up again as a new account", async () => {
    const { accessToken, profile } = await signIn();
    expect((await api.delete("/api/v1/profile", { token: accessToken })).status).toBe(204);
    await passCooldown(profile.phone);
    const again = await signIn(profile.phone);
    expect(again.isNewUser).toBe(true);
    expect(again.profile).toMatchObject({ phone: profile.phone, isAdmin: false, activatedInviteCode: null, invitees: { total: 0, items: [] } });
    expect(again.profile.id).not.toBe(profile.id);
    expect(again.profile.inviteCode).not.toBe(profile.inviteCode);
  });

  it("keeps the invitees' activated code text, and takes the deleted phone out of the referrer's list", async () => {
    const referrer = await signIn();
    const deleted = await signIn();
    const invitee = await signIn();
    await linkReferral(deleted.profile.id, referrer.profile);
    await linkReferral(invitee.profile.id, deleted.profile);
    const before = (await api.get("/api/v1/profile", { token: invitee.accessToken })).body;
    expect(before.activatedInviteCode).toBe(deleted.profile.inviteCode);
    expect((await api.get("/api/v1/profile", { token: referrer.accessToken })).body.invitees).toMatchObject({
      total: 1,
      items: [{ phone: deleted.profile.phone }],
    });

    expect((await api.delete("/api/v1/profile", { token: deleted.accessToken })).status).toBe(204);

    const after = (await api.get("/api/v1/profile", { token: invitee.accessToken })).body;
    expect(after).toEqual(before);
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, invitee.profile.id));
    // No referrer any more, but the activation stays on record: the account still cannot activate another code.
    expect(row).toMatchObject({ referrerId: null, activatedInviteCode: deleted.profile.inviteCode });
    expect(row!.activatedAt).toBeInstanceOf(Date);
    expect((await api.get("/api/v1/profile", { token: referrer.accessToken })).body.invitees).toEqual({ total: 0, items: [], nextCursor: null });
  });

  it("removes the avatar and any pending phone change with the account", async () => {
    const { accessToken: token, profile } = await signIn();
    const form = new FormData();
    form.append("file", new Blob([await sharp({ create: { width: 10, height: 10, channels: 3, background: "#fff" } }).png().toBuffer()]), "a.png");
    const avatarUrl = (await api.put("/api/v1/profile/avatar", { token, body: form })).body.avatarUrl as string;
    expect((await api.post("/api/v1/profile/phone", { phone: uniquePhone() }, { token })).status).toBe(200);

    expect((await api.delete("/api/v1/profile", { token })).status).toBe(204);
    expectProblem(await api.get(avatarUrl), "not_found");
    expect(await (await getDb()).select().from(otpCodes).where(eq(otpCodes.subject, profile.id))).toEqual([]);
  });

  it("needs a signed-in user", async () => {
    expectProblem(await api.delete("/api/v1/profile"), "unauthorized");
  });
});
