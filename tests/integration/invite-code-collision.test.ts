import { describe, expect, it, vi } from "vitest";
import { api } from "../helpers/api";
import { accountsWithPhone } from "../helpers/db";
import { requestCode, signIn, uniquePhone } from "../helpers/flows";
import { expectProblem } from "../helpers/problems";

// The generator, scripted: tests queue codes it must give before it goes back to random ones.
const scripted = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock("@/lib/invites/generate-invite-code", async (importOriginal) => {
  const actual = await importOriginal<{ generateInviteCode: () => string }>();
  return { ...actual, generateInviteCode: () => scripted.queue.shift() ?? actual.generateInviteCode() };
});

describe("a new account's invite code", () => {
  it("is drawn again when the random one is taken", async () => {
    const first = await signIn();
    scripted.queue.push(first.profile.inviteCode, first.profile.inviteCode, "FRESH1");
    const second = await signIn();
    expect(second.profile.inviteCode).toBe("FRESH1");
    expect(scripted.queue).toEqual([]);
  });

  it("gives up after ten taken codes with a generic 500, and the code stays unused", async () => {
    const taken = await signIn();
    scripted.queue.push(...Array.from({ length: 10 }, () => taken.profile.inviteCode));
    const phone = uniquePhone();
    const code = await requestCode(phone);
    const failed = await api.post("/api/v1/auth/verify", { phone, code });
    expectProblem(failed, "internal_error", "Something went wrong on our side. Please try again.");
    expect(await accountsWithPhone(phone)).toBe(0);
    // The transaction was rolled back, so the code can still be used.
    const verified = await api.post("/api/v1/auth/verify", { phone, code });
    expect(verified.status).toBe(200);
    expect(verified.body.profile.inviteCode).toMatch(/^[A-Z0-9]{6}$/);
  });
});
