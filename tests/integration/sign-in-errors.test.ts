import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { setSmsProviderForTests } from "@/lib/sms/get-sms-provider";
import type { SmsMessage } from "@/lib/sms/sms-provider";
import { api, call } from "../helpers/api";
import { accountsWithPhone } from "../helpers/db";
import { setEnv } from "../helpers/env";
import { latestCode, passCooldown, requestCode, signIn, uniquePhone } from "../helpers/flows";
import { expectProblem, expectRetryAfter } from "../helpers/problems";

const BAD_REQUEST = "The request body has invalid or missing fields.";

function wrongCode(code: string): string {
  return String((Number(code) + 1) % 10_000).padStart(4, "0");
}


describe("POST /api/v1/auth/code", () => {
  it("answers the same whether or not the phone has an account, and creates no account", async () => {
    const existing = await signIn();
    await passCooldown(existing.profile.phone);
    const newcomer = uniquePhone();

    const forExisting = await api.post("/api/v1/auth/code", { phone: existing.profile.phone });
    const forNewcomer = await api.post("/api/v1/auth/code", { phone: newcomer });
    expect(forExisting.status).toBe(200);
    expect(forNewcomer.status).toBe(200);
    expect(forExisting.body).toEqual({ phone: existing.profile.phone, expiresIn: 300, resendIn: 60, codeLength: 4 });
    expect(forNewcomer.body).toEqual({ ...forExisting.body, phone: newcomer });
    expect([...forNewcomer.headers.keys()].sort()).toEqual([...forExisting.headers.keys()].sort());
    expect(await accountsWithPhone(newcomer)).toBe(0);
    expect(await accountsWithPhone(existing.profile.phone)).toBe(1);
  });

  it.each([
    ["garbage", "not a phone"],
    ["too short", "+7 999 123"],
    ["impossible", "+7 000 000 00 00"],
    ["letters only", "abcdefghijk"],
  ])("refuses a %s number with 400 invalid_phone", async (_name, phone) => {
    expectProblem(await api.post("/api/v1/auth/code", { phone }), "invalid_phone", `"${phone}" is not a valid phone number.`);
  });

  it.each([
    ["a missing phone", {}, [{ path: "phone", message: "Invalid input: expected string, received undefined" }]],
    ["a number instead of a string", { phone: 79991234567 }, [{ path: "phone", message: "Invalid input: expected string, received number" }]],
    ["an empty phone", { phone: "" }, [{ path: "phone", message: "Enter a phone number." }]],
    [
      "unknown fields",
      { phone: "+79991234567", admin: true, code: "1234" },
      [
        { path: "admin", message: "Unknown field." },
        { path: "code", message: "Unknown field." },
      ],
    ],
    ["an array", [], [{ path: "(root)", message: "Invalid input: expected object, received array" }]],
    ["null", null, [{ path: "(root)", message: "Invalid input: expected object, received null" }]],
  ])("refuses %s with 400 validation_error", async (_name, json, errors) => {
    expectProblem(await api.post("/api/v1/auth/code", json), "validation_error", BAD_REQUEST, errors);
  });

  it("refuses malformed JSON, a wrong content type and a body over 16 KiB", async () => {
    const post = (body: string, headers: Record<string, string>) => call("POST", "/api/v1/auth/code", { body, headers });
    expectProblem(
      await post('{"phone": "+7999', { "content-type": "application/json" }),
      "invalid_json",
      expect.stringMatching(/^The request body is not valid JSON: .+/),
    );
    expectProblem(await post("", { "content-type": "application/json" }), "invalid_json", "The request body is empty; a JSON object was expected.");
    expectProblem(
      await post("phone=+79991234567", { "content-type": "application/x-www-form-urlencoded" }),
      "unsupported_media_type",
      "Send the request body as JSON with Content-Type: application/json.",
    );
    const huge = JSON.stringify({ phone: "+79991234567", padding: "x".repeat(17 * 1024) });
    expectProblem(await post(huge, { "content-type": "application/json" }), "payload_too_large", "The request body is larger than 16 KiB.");
  });

  it("keeps the phone out of the account tables until it is verified, and a new code replaces the previous one", async () => {
    const phone = uniquePhone();
    const first = await requestCode(phone);
    await passCooldown(phone);
    let second = await requestCode(phone);
    while (second === first) {
      await passCooldown(phone);
      second = await requestCode(phone);
    }
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code: first }), "invalid_code", "The code is wrong. 2 tries left.");
    expect((await api.post("/api/v1/auth/verify", { phone, code: second })).status).toBe(200);
  });
});

describe("POST /api/v1/auth/verify", () => {
  it("accepts the phone in a national format", async () => {
    const code = await requestCode("+79997770011");
    const verified = await api.post("/api/v1/auth/verify", { phone: "8 (999) 777-00-11", code });
    expect(verified.status).toBe(200);
    expect(verified.body.profile.phone).toBe("+79997770011");
  });

  it.each([
    ["letters in the code", { phone: "+79991234567", code: "12a4" }, [{ path: "code", message: "The code is 4 to 8 digits." }]],
    ["a numeric code", { phone: "+79991234567", code: 1234 }, [{ path: "code", message: "Invalid input: expected string, received number" }]],
    ["a missing code", { phone: "+79991234567" }, [{ path: "code", message: "Invalid input: expected string, received undefined" }]],
    ["an unknown field", { phone: "+79991234567", code: "1234", remember: true }, [{ path: "remember", message: "Unknown field." }]],
  ])("refuses %s with 400 validation_error", async (_name, json, errors) => {
    expectProblem(await api.post("/api/v1/auth/verify", json), "validation_error", BAD_REQUEST, errors);
  });

  it("refuses an invalid phone with 400 invalid_phone", async () => {
    expectProblem(await api.post("/api/v1/auth/verify", { phone: "12", code: "1234" }), "invalid_phone", '"12" is not a valid phone number.');
  });

  it("answers 401 invalid_code when no code was requested", async () => {
    expectProblem(
      await api.post("/api/v1/auth/verify", { phone: uniquePhone(), code: "1234" }),
      "invalid_code",
      "The code is wrong or has expired. Request a new code.",
    );
  });

  it("uses a code once", async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    expect((await api.post("/api/v1/auth/verify", { phone, code })).status).toBe(200);
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code }), "invalid_code", "The code is wrong or has expired. Request a new code.");
  });

  it("refuses an expired code", async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    const db = await getDb();
    await db.execute(sql`update otp_codes set expires_at = now() - interval '1 second' where phone = ${phone}`);
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code }), "invalid_code", "The code is wrong or has expired. Request a new code.");
    expect(await accountsWithPhone(phone)).toBe(0);
  });

  it(`burns a code after OTP_MAX_ATTEMPTS wrong tries: even the right one is refused until a new code is requested`, async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    const wrong = wrongCode(code);
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code: wrong }), "invalid_code", "The code is wrong. 2 tries left.");
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code: wrong }), "invalid_code", "The code is wrong. 1 try left.");
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code: wrong }), "invalid_code", "The code is wrong. Request a new code.");

    for (const attempt of [wrong, code]) {
      const refused = await api.post("/api/v1/auth/verify", { phone, code: attempt });
      expectProblem(refused, "too_many_attempts", "Too many wrong tries for this code. Request a new code.");
      expectRetryAfter(refused, 1, 60);
    }
    expect(await accountsWithPhone(phone)).toBe(0);

    await passCooldown(phone);
    const fresh = await requestCode(phone);
    const verified = await api.post("/api/v1/auth/verify", { phone, code: fresh });
    expect(verified.status).toBe(200);
    expect(verified.body.isNewUser).toBe(true);
  });

  it("counts the attempts set by OTP_MAX_ATTEMPTS", async () => {
    const restore = setEnv({ OTP_MAX_ATTEMPTS: "1" });
    try {
      const phone = uniquePhone();
      const code = await requestCode(phone);
      expectProblem(await api.post("/api/v1/auth/verify", { phone, code: wrongCode(code) }), "invalid_code", "The code is wrong. Request a new code.");
      expect((await api.post("/api/v1/auth/verify", { phone, code })).status).toBe(429);
    } finally {
      restore();
    }
  });

  it("lets two simultaneous verifies of one code sign in once", async () => {
    const phone = uniquePhone();
    const code = await requestCode(phone);
    const answers = await Promise.all([1, 2, 3].map(() => api.post("/api/v1/auth/verify", { phone, code })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401]);
    expect(await accountsWithPhone(phone)).toBe(1);
  });

  it("refuses a blocked account with 403 account_blocked, and its tokens stop working at once", async () => {
    const signedIn = await signIn();
    const phone = signedIn.profile.phone;
    const db = await getDb();
    await db.execute(sql`update users set is_blocked = true where phone = ${phone}`);

    expectProblem(await api.get("/api/v1/profile", { token: signedIn.accessToken }), "invalid_token", "The session has ended. Sign in again.");
    // The holder of a refresh token is told why: the pages say so at /login?reason=account-blocked.
    expectProblem(await api.post("/api/v1/auth/refresh", { refreshToken: signedIn.refreshToken }), "account_blocked", "This account is blocked.");

    await passCooldown(phone);
    const sent = await api.post("/api/v1/auth/code", { phone });
    expect(sent.status).toBe(200);
    const code = await latestCode(phone);
    expectProblem(await api.post("/api/v1/auth/verify", { phone, code }), "account_blocked", "This account is blocked.");
  });
});

describe("SMS_TEST_NUMBERS", () => {
  it("gives a fixed code, sends no SMS, and obeys the same limits", async () => {
    const phone = "+79990000000";
    const restore = setEnv({ SMS_TEST_NUMBERS: `${phone}=4321,+79990000001=123456` });
    const sentMessages: SmsMessage[] = [];
    setSmsProviderForTests({
      name: "simulated",
      send: (message) => {
        sentMessages.push(message);
        return Promise.resolve();
      },
    });
    try {
      const sent = await api.post("/api/v1/auth/code", { phone: "8 999 000-00-00" });
      expect(sent.status).toBe(200);
      expect(sent.body).toEqual({ phone, expiresIn: 300, resendIn: 60, codeLength: 4 });
      const outbox = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
      expect(outbox.body).toEqual({ messages: [] });

      const again = await api.post("/api/v1/auth/code", { phone });
      expectProblem(again, "rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.");

      for (const left of ["2 tries left", "1 try left"]) {
        expectProblem(await api.post("/api/v1/auth/verify", { phone, code: "0000" }), "invalid_code", `The code is wrong. ${left}.`);
      }
      const verified = await api.post("/api/v1/auth/verify", { phone, code: "4321" });
      expect(verified.status).toBe(200);
      expect(verified.body.profile.phone).toBe(phone);

      const longer = await api.post("/api/v1/auth/code", { phone: "+79990000001" });
      expect(longer.body.codeLength).toBe(6);
      expect((await api.post("/api/v1/auth/verify", { phone: "+79990000001", code: "123456" })).status).toBe(200);
      expect(sentMessages).toEqual([]);
    } finally {
      setSmsProviderForTests(undefined);
      restore();
    }
  });
});
