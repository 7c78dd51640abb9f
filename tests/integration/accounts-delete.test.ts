import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { otpCodes, users } from "@/db/schema";
import { linkReferral } from "../helpers/accounts";
import { api } from "../helpers/api";
import { expectProblem } from "../helpers/expect-problem";
import { passCooldown, signIn, uniquePhone } from "../helpers/flows";

describe("DELETE /api/v1/profile", () => {
  // The first account is the administrator; the accounts deleted below are ordinary ones.
  beforeAll(async () => {
    await signIn();
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
