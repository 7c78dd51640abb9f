import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { setEnv } from "../helpers/env";
import { latestCode, passCooldown, requestCode, uniquePhone } from "../helpers/flows";
import { expectProblem, expectRetryAfter } from "../helpers/problems";

const HOUR = 3600;
const DAY = 24 * HOUR;

let addressCounter = 0;
/** Each test its own client address, so that the per-address cap of one does not spill into another. */
function uniqueAddress(): string {
  addressCounter += 1;
  return `198.51.100.${addressCounter}`;
}

const requestFrom = (phone: string, address: string, headers?: Record<string, string>) =>
  api.post("/api/v1/auth/code", { phone }, { address, headers });

describe("code request limits", () => {
  it(`refuses another code within OTP_RESEND_SECONDS with 429 and Retry-After`, async () => {
    const phone = uniquePhone();
    const address = uniqueAddress();
    expect((await requestFrom(phone, address)).status).toBe(200);
    const again = await requestFrom(phone, address);
    expectProblem(again, "rate_limited", "A code was sent to this number a moment ago. Please wait before asking for another.");
    expectRetryAfter(again, 55, 60);

    await passCooldown(phone, 45);
    expectRetryAfter(await requestFrom(phone, address), 10, 15);
    await passCooldown(phone, 15);
    expect((await requestFrom(phone, address)).status).toBe(200);
  });

  it("lets two simultaneous requests for one phone send one code", async () => {
    const phone = uniquePhone();
    const address = uniqueAddress();
    const answers = await Promise.all([1, 2, 3].map(() => requestFrom(phone, address)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 429, 429]);
    const outbox = await api.get(`/api/v1/dev/sms?phone=${encodeURIComponent(phone)}`);
    expect(outbox.body.messages).toHaveLength(1);
  });

  it(`caps codes per phone at OTP_MAX_PER_PHONE_PER_HOUR (5), from any address`, async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 5; i++) {
      expect((await requestFrom(phone, uniqueAddress())).status).toBe(200);
      await passCooldown(phone, 61);
    }
    const refused = await requestFrom(phone, uniqueAddress());
    expectProblem(refused, "rate_limited", "Too many codes requested for this number this hour. Please try again later.");
    expectRetryAfter(refused, HOUR - 60, HOUR);
    expect((await requestFrom(uniquePhone(), uniqueAddress())).status).toBe(200);
  });

  it(`caps codes per client address at OTP_MAX_PER_IP_PER_HOUR (30); X-Forwarded-For does not escape it`, async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 30; i++) {
      const sent = await requestFrom(uniquePhone(), address, { "x-forwarded-for": `203.0.113.${i}` });
      expect(sent.status, sent.text).toBe(200);
    }
    const spoofs: Record<string, string>[] = [{}, { "x-forwarded-for": "203.0.113.250" }, { "x-real-ip": "203.0.113.251" }];
    for (const headers of spoofs) {
      const refused = await requestFrom(uniquePhone(), address, headers);
      expectProblem(refused, "rate_limited", "Too many codes requested from your network this hour. Please try again later.");
      expectRetryAfter(refused, HOUR - 60, HOUR);
    }
    expect((await requestFrom(uniquePhone(), uniqueAddress())).status).toBe(200);
  });

  it("behind a trusted proxy, counts the address the proxy saw", async () => {
    const restore = setEnv({ TRUST_PROXY: "true", OTP_MAX_PER_IP_PER_HOUR: "2" });
    try {
      const proxy = uniqueAddress();
      const client = "203.0.113.77";
      const viaProxy = (forwardedFor: string) => requestFrom(uniquePhone(), proxy, { "x-forwarded-for": forwardedFor });
      expect((await viaProxy(client)).status).toBe(200);
      // What the client itself puts in front of the proxy's entry changes nothing.
      expect((await viaProxy(`10.9.9.9, ${client}`)).status).toBe(200);
      expect((await viaProxy(`10.9.9.8, ${client}`)).status).toBe(429);
      expect((await viaProxy("203.0.113.78")).status).toBe(200);
    } finally {
      restore();
    }
  });

  it(`locks a phone after OTP_MAX_FAILED_PER_PHONE_PER_DAY (10) wrong codes in a day`, async () => {
    const phone = uniquePhone();
    const address = uniqueAddress();
    const fail = async (times: number) => {
      const code = await requestCode(phone, address);
      const wrong = code === "0000" ? "1111" : "0000";
      for (let i = 0; i < times; i++) {
        expect((await api.post("/api/v1/auth/verify", { phone, code: wrong })).status).toBe(401);
      }
      await passCooldown(phone, 61);
      return code;
    };
    await fail(3);
    await fail(3);
    await fail(3);
    // Nine wrong tries: codes are still sent. The tenth locks the phone.
    await fail(1);
    const locked = await requestFrom(phone, address);
    expectProblem(locked, "rate_limited", "Too many wrong codes for this number today. Please try again later.");
    expectRetryAfter(locked, DAY - 120, DAY);
    expect((await requestFrom(phone, uniqueAddress())).status).toBe(429);
    expect((await requestFrom(uniquePhone(), address)).status).toBe(200);
  });

  it("counts wrong codes across code requests, not only per code", async () => {
    const restore = setEnv({ OTP_MAX_FAILED_PER_PHONE_PER_DAY: "2" });
    try {
      const phone = uniquePhone();
      const address = uniqueAddress();
      await requestCode(phone, address);
      expect((await api.post("/api/v1/auth/verify", { phone, code: "99999" })).status).toBe(401);
      await passCooldown(phone, 61);
      const code = await requestCode(phone, address);
      expect((await api.post("/api/v1/auth/verify", { phone, code: code === "0000" ? "1111" : "0000" })).status).toBe(401);
      await passCooldown(phone, 61);
      expect((await requestFrom(phone, address)).status).toBe(429);
      // The code already sent keeps its own tries.
      expect(await latestCode(phone)).toBe(code);
    } finally {
      restore();
    }
  });
});
