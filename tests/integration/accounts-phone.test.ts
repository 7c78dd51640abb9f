import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { profile as profileSchema } from "@/lib/users/schemas";
import { api } from "../helpers/api";
import { rateLimitKeys } from "@/lib/rate-limit/rate-limit-keys";
import { setEnv } from "../helpers/env";
import { expectProblem } from "../helpers/expect-problem";
import { latestCode, passCooldown, requestCode, shiftRateLimit, signIn, uniquePhone } from "../helpers/flows";
import { expectRetryAfter } from "../helpers/problems";

let addresses = 0;

/** Asks for a phone-change code from an address of its own, so the per-address hourly cap stays out of the way. */
async function startChange(token: string, phone: string, address = `10.0.0.${++addresses}`): Promise<string> {
  const sent = await api.post("/api/v1/profile/phone", { phone }, { token, address });
  expect(sent.status, sent.text).toBe(200);
  return latestCode(phone);
}

function wrong(code: string): string {
  return code === "0000" ? "1111" : "0000";
}

describe("phone change", () => {
  it("sends a code to the new number and changes the phone with it; the old number is then free", async () => {
    const { accessToken: token, profile } = await signIn();
    const next = uniquePhone();
    const sent = await api.post("/api/v1/profile/phone", { phone: next }, { token });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ phone: next, expiresIn: 300, resendIn: 60, codeLength: 4 });
    const outbox = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(next)}`);
    expect(outbox.body.messages[0].text).toMatch(/^Your code to confirm this number: (\d{4})\. Valid for 5 min\. Do not share it\.\n@localhost #\1$/);
    expect((await api.get("/api/v1/profile", { token })).body.phone).toBe(profile.phone);

    const confirmed = await api.post("/api/v1/profile/phone/confirm", { phone: next, code: outbox.body.messages[0].code }, { token });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(profileSchema.parse(confirmed.body)).toEqual({ ...profile, phone: next });
    // The session stays open, and the same account signs in with the new number.
    expect((await api.get("/api/v1/profile", { token })).body.phone).toBe(next);
    await passCooldown(next);
    const again = await signIn(next);
    expect(again).toMatchObject({ isNewUser: false, profile: { id: profile.id } });

    await passCooldown(profile.phone);
    const old = await signIn(profile.phone);
    expect(old.isNewUser).toBe(true);
    expect(old.profile.id).not.toBe(profile.id);
  });

  it("accepts the new number in national format and answers E.164", async () => {
    const { accessToken: token } = await signIn();
    const sent = await api.post("/api/v1/profile/phone", { phone: "8 (999) 555-12-34" }, { token });
    expect(sent.status).toBe(200);
    expect(sent.body.phone).toBe("+79995551234");
    const code = await latestCode("+79995551234");
    const confirmed = await api.post("/api/v1/profile/phone/confirm", { phone: "+7 999 555 12 34", code }, { token });
    expect(confirmed.body.phone).toBe("+79995551234");
  });

  it("answers 409 phone_taken for a number that is another account's or already one's own", async () => {
    const other = await signIn();
    const { accessToken: token, profile } = await signIn();
    expectProblem(await api.post("/api/v1/profile/phone", { phone: other.profile.phone }, { token }), "phone_taken", {
      detail: "Another account uses this phone number.",
    });
    expectProblem(await api.post("/api/v1/profile/phone", { phone: profile.phone }, { token }), "phone_taken", {
      detail: "This is already your phone number.",
    });
  });

  it("answers 409 phone_taken at confirmation when the number was taken in the meantime", async () => {
    const { accessToken: token, profile } = await signIn();
    const next = uniquePhone();
    const code = await startChange(token, next);
    await passCooldown(next);
    await signIn(next);
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code }, { token }), "phone_taken");
    expect((await api.get("/api/v1/profile", { token })).body.phone).toBe(profile.phone);
  });

  it("refuses bad input with 400", async () => {
    const { accessToken: token } = await signIn();
    expectProblem(await api.post("/api/v1/profile/phone", { phone: "12" }, { token }), "invalid_phone");
    expectProblem(await api.post("/api/v1/profile/phone", { phone: "" }, { token }), "validation_error", {
      errors: [{ path: "phone", message: "Enter a phone number." }],
    });
    expectProblem(await api.post("/api/v1/profile/phone", { phone: uniquePhone(), userId: "x" }, { token }), "validation_error", {
      errors: [{ path: "userId", message: "Unknown field." }],
    });
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: uniquePhone(), code: "12a4" }, { token }), "validation_error", {
      errors: [{ path: "code", message: "The code is 4 to 8 digits." }],
    });
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: "abc", code: "1234" }, { token }), "invalid_phone");
  });

  it("needs a signed-in user", async () => {
    expectProblem(await api.post("/api/v1/profile/phone", { phone: uniquePhone() }), "unauthorized");
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: uniquePhone(), code: "1234" }), "unauthorized");
  });

  it("answers 401 invalid_code for a wrong, used or never-sent code, and 429 once the code is burned", async () => {
    const { accessToken: token, profile } = await signIn();
    const next = uniquePhone();
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: "1234" }, { token }), "invalid_code");
    const code = await startChange(token, next);
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: wrong(code) }, { token }), "invalid_code", {
      detail: "The code is wrong. 2 tries left.",
    });
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: wrong(code) }, { token }), "invalid_code", {
      detail: "The code is wrong. 1 try left.",
    });
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: wrong(code) }, { token }), "invalid_code", {
      detail: "The code is wrong. Request a new code.",
    });
    const burned = await api.post("/api/v1/profile/phone/confirm", { phone: next, code }, { token });
    expectProblem(burned, "too_many_attempts");
    expect(Number(burned.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await api.get("/api/v1/profile", { token })).body.phone).toBe(profile.phone);

    await passCooldown(next);
    const fresh = await startChange(token, next);
    expect((await api.post("/api/v1/profile/phone/confirm", { phone: next, code: fresh }, { token })).status).toBe(200);
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: fresh }, { token }), "invalid_code");
  });

  it("keeps codes per account: a code one user asked for does not change another user's phone", async () => {
    const alice = await signIn();
    const bob = await signIn();
    const next = uniquePhone();
    const code = await startChange(alice.accessToken, next);
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code }, { token: bob.accessToken }), "invalid_code");
    // A sign-in code for the number does not confirm a change either.
    await passCooldown(next);
    const signInCode = await requestCode(next);
    expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: signInCode }, { token: bob.accessToken }), "invalid_code");
    expect((await api.post("/api/v1/profile/phone/confirm", { phone: next, code }, { token: alice.accessToken })).status).toBe(200);
  });

  it("obeys the sign-in limits: resend cooldown, and the hourly cap per number", async () => {
    const { accessToken: token } = await signIn();
    const next = uniquePhone();
    await startChange(token, next);
    const again = await api.post("/api/v1/profile/phone", { phone: next }, { token });
    expectProblem(again, "rate_limited", { detail: "A code was sent to this number a moment ago. Please wait before asking for another." });
    expect(Number(again.headers.get("retry-after"))).toBeGreaterThan(0);
    // Sign-in codes count for the number as well (the account's own cap of 5 changes an hour is tested below).
    for (let sent = 1; sent < 5; sent++) {
      await passCooldown(next);
      await requestCode(next, `10.1.0.${sent}`);
    }
    await passCooldown(next);
    expectProblem(await api.post("/api/v1/profile/phone", { phone: next }, { token }), "rate_limited", {
      detail: "Too many codes requested for this number this hour. Please try again later.",
    });
  });

  it("counts every change request of an account, 5 an hour, before looking the number up: 400 probes find nothing", async () => {
    const taken = await Promise.all([1, 2, 3].map(() => signIn()));
    const { accessToken: token, profile } = await signIn();
    const probe = (phone: string) => api.post("/api/v1/profile/phone", { phone }, { token, address: "10.2.0.1" });
    // Bad numbers answer from the number alone and count nothing.
    expectProblem(await probe("12"), "invalid_phone");
    expectProblem(await probe("+78091234567"), "phone_not_allowed");
    const firstFive = [taken[0]!.profile.phone, uniquePhone(), profile.phone, taken[1]!.profile.phone, uniquePhone()];
    const statuses: number[] = [];
    for (const phone of firstFive) statuses.push((await probe(phone)).status);
    expect(statuses).toEqual([409, 200, 409, 409, 200]);

    const answers: { registered: boolean; answer: Awaited<ReturnType<typeof probe>> }[] = [];
    for (let i = 0; i < 400; i++) {
      const registered = i % 2 === 0;
      answers.push({ registered, answer: await probe(registered ? taken[i % 3]!.profile.phone : uniquePhone()) });
    }
    for (const { answer } of answers) {
      expectProblem(answer, "rate_limited", { detail: "Too many phone-change requests this hour. Please try again later." });
      expectRetryAfter(answer, 3600 - 60, 3600);
    }
    const shapes = (registered: boolean) =>
      new Set(answers.filter((one) => one.registered === registered).map(({ answer }) => `${answer.status} ${answer.body.detail}`));
    expect(shapes(true)).toEqual(shapes(false));

    await shiftRateLimit(rateLimitKeys.phoneChangesPerAccount(profile.id), 3600);
    expect((await probe(taken[2]!.profile.phone)).status).toBe(409);
  });

  it("sends a code only to a mobile number of SMS_ALLOWED_REGIONS", async () => {
    const { accessToken: token } = await signIn();
    expectProblem(await api.post("/api/v1/profile/phone", { phone: "+7 809 123-45-67" }, { token }), "phone_not_allowed", {
      detail: "Codes are sent to mobile numbers only; this is a premium-rate number.",
    });
    expectProblem(await api.post("/api/v1/profile/phone", { phone: "+77012345678" }, { token }), "phone_not_allowed", {
      detail: "Codes are not sent to numbers of region KZ; this service sends them to RU numbers only.",
    });
    const restore = setEnv({ SMS_ALLOWED_REGIONS: "RU,KZ" });
    try {
      const code = await startChange(token, "+77012345678");
      expect((await api.post("/api/v1/profile/phone/confirm", { phone: "+77012345678", code }, { token })).status).toBe(200);
    } finally {
      restore();
    }
  });

  it("refuses a confirmation from a locked network with 429 even when the code is right; another network confirms", async () => {
    const restore = setEnv({ OTP_MAX_FAILED_PER_PHONE_PER_DAY: "2" });
    try {
      const { accessToken: token } = await signIn();
      const next = uniquePhone();
      const code = await startChange(token, next);
      const confirm = (guess: string, address: string) => api.post("/api/v1/profile/phone/confirm", { phone: next, code: guess }, { token, address });
      expectProblem(await confirm(wrong(code), "10.3.0.1"), "invalid_code");
      expectProblem(await confirm(wrong(code), "10.3.0.1"), "invalid_code");
      const locked = await confirm(code, "10.3.0.1");
      expectProblem(locked, "too_many_attempts", { detail: "Too many wrong codes for this number from your network today. Please try again later." });
      expectRetryAfter(locked, 24 * 3600 - 120, 24 * 3600);
      expect((await confirm(code, "10.3.0.2")).body.phone).toBe(next);
    } finally {
      restore();
    }
  });

  it("settles a race for one number: one confirmation wins, the other gets 409 phone_taken", async () => {
    const alice = await signIn();
    const bob = await signIn();
    const next = uniquePhone();
    const aliceCode = await startChange(alice.accessToken, next);
    await passCooldown(next);
    const bobCode = await startChange(bob.accessToken, next);
    const results = await Promise.all([
      api.post("/api/v1/profile/phone/confirm", { phone: next, code: aliceCode }, { token: alice.accessToken }),
      api.post("/api/v1/profile/phone/confirm", { phone: next, code: bobCode }, { token: bob.accessToken }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const loser = results.find((result) => result.status === 409)!;
    expectProblem(loser, "phone_taken", { detail: "Another account uses this phone number now." });
    const winner = results.find((result) => result.status === 200)!;
    expect(winner.body.phone).toBe(next);
    const phones = await Promise.all([alice, bob].map(async ({ accessToken }) => (await api.get("/api/v1/profile", { token: accessToken })).body.phone));
    expect(phones.filter((phone) => phone === next)).toHaveLength(1);
    expect(phones).toContain(winner.body.phone);
  });

  // PGlite runs one transaction at a time, so only PostgreSQL can hold a change open while another waits.
  it.runIf(process.env.TEST_DB === "postgres")(
    "settles by users_phone_unique when the other change is not yet committed, and still uses up the loser's code",
    async () => {
      const alice = await signIn();
      const bob = await signIn();
      const next = uniquePhone();
      const bobCode = await startChange(bob.accessToken, next);
      const db = await getDb();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const holder = db.transaction(async (tx) => {
        await tx.update(users).set({ phone: next }).where(eq(users.id, alice.profile.id));
        holding();
        await released;
      });
      await held;
      const confirming = api.post("/api/v1/profile/phone/confirm", { phone: next, code: bobCode }, { token: bob.accessToken });
      // Wait until Bob's UPDATE is queued behind the uncommitted row: past the pre-check, at the constraint.
      let queued = false;
      for (let tries = 0; tries < 200 && !queued; tries++) {
        const waiting = await db.execute(
          sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        queued = waiting.length > 0;
        if (!queued) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      release();
      expect(queued).toBe(true);
      await holder;
      expectProblem(await confirming, "phone_taken", { detail: "Another account uses this phone number now." });
      expect((await api.get("/api/v1/profile", { token: bob.accessToken })).body.phone).toBe(bob.profile.phone);
      // The transaction survived the unique violation and committed the used code.
      expectProblem(await api.post("/api/v1/profile/phone/confirm", { phone: next, code: bobCode }, { token: bob.accessToken }), "invalid_code");
    },
  );
});
