import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { passCooldown, requestCode, signIn, uniquePhone } from "../helpers/flows";

describe("sign-in by SMS code", () => {
  it("creates the account on the first verify, with an invite code, and the first account is admin", async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    const verified = await api.post("/api/v1/auth/verify", { phone, code });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ tokenType: "Bearer", isNewUser: true, expiresIn: 900 });
    expect(verified.body.profile).toMatchObject({ phone, isAdmin: true, activatedInviteCode: null });
    expect(verified.body.profile.inviteCode).toMatch(/^[A-Z0-9]{6}$/);

    const second = await signIn();
    expect(second.profile.isAdmin).toBe(false);
  });

  it("accepts national formats and answers E.164", async () => {
    const sent = await api.post("/api/v1/auth/code", { phone: "8 (999) 765-43-21" });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ phone: "+79997654321", expiresIn: 300, resendIn: 60, codeLength: 4 });
  });

  it("uses a code once", async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    expect((await api.post("/api/v1/auth/verify", { phone, code })).status).toBe(200);
    const again = await api.post("/api/v1/auth/verify", { phone, code });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe("invalid_code");
  });

  it("signs an existing account in again", async () => {
    const first = await signIn();
    await passCooldown(first.profile.phone);
    const again = await signIn(first.profile.phone);
    expect(again.isNewUser).toBe(false);
    expect(again.profile.id).toBe(first.profile.id);
  });
});
